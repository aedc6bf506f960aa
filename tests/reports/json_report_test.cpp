#include "reports/json_report.hpp"

#include <gtest/gtest.h>

namespace mcusim {
namespace {

RunResult exited_run() {
  RunResult run;
  run.target = "generic-m0";
  run.core = CoreModel::CortexM0;
  run.clock_hz = 48'000'000;
  run.cycles = 4800;
  run.instructions = 4000;
  run.exit_status = 0;
  return run;
}

TEST(JsonReport, CarriesEveryFieldDesignMdListsForEveryRun) {
  const auto json = report_json(exited_run(), ReportContext{"exec", "a.elf"});
  for (const char* field : {"schema", "target", "core", "clock_hz", "cycles", "instructions",
                            "latency_us", "exit_status", "fault", "toolchain", "energy_uj"}) {
    EXPECT_TRUE(json.contains(field)) << field;
  }
  EXPECT_EQ(json["schema"], "mcusim.report/1");
  EXPECT_EQ(json["core"], "cortex-m0");
  EXPECT_EQ(json["cycles"], 4800u);
  // 4800 cycles at 48 MHz = 100 us.
  EXPECT_DOUBLE_EQ(json["latency_us"].get<double>(), 100.0);
  EXPECT_TRUE(json["fault"].is_null());
  EXPECT_TRUE(json["energy_uj"].is_null());  // not measured: null, never 0
}

TEST(JsonReport, FaultedRunSaysFaultedAndCarriesNoCounts) {
  RunResult run = exited_run();
  run.exit_status.reset();
  run.fault = GuestFault{"unmapped read", "ldr read 4 bytes", 0x1a4, "main+0x4", 0x20040000u,
                         "first byte past region 'sram'", {"main+0x4"}, "check the pointer", false};
  const auto json = report_json(run, ReportContext{"exec", "a.elf"});
  EXPECT_EQ(json["status"], "faulted");
  EXPECT_TRUE(json["cycles"].is_null());
  EXPECT_TRUE(json["latency_us"].is_null());
  EXPECT_EQ(json["fault"]["kind"], "unmapped read");
  EXPECT_EQ(json["fault"]["pc"], 0x1a4u);
  EXPECT_EQ(json["fault"]["address"], 0x20040000u);
}

TEST(JsonReport, SameRunGivesByteIdenticalText) {
  const auto a = to_text(report_json(exited_run(), ReportContext{"exec", "a.elf"}));
  const auto b = to_text(report_json(exited_run(), ReportContext{"exec", "a.elf"}));
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.back(), '\n');
}

}  // namespace
}  // namespace mcusim
