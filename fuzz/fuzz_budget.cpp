// fuzz/fuzz_budget.cpp — budget TOML files (reports/budget.cpp), as
// `mcusim run --budget` and `mcusim check --budget` read them; an accepted
// budget is judged against a run that measured some quantities and not others.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "reports/budget.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mcusim::fuzz::expect_only_mcusim_errors([&] {
    const mcusim::Budget budget = mcusim::parse_budget(mcusim::fuzz::text_of(data, size), "fuzz-budget.toml");
    const auto verdicts = mcusim::judge(budget, [](const std::string& name) -> std::optional<double> {
      if (name == "energy_uj") return std::nullopt;  // a target without power figures
      return 100.0;
    });
    for (const mcusim::BudgetVerdict& verdict : verdicts) (void)verdict.margin();
  });
  return 0;
}
