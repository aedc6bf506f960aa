// `mcusim workloads`: the bundled workloads with their operators, MACs,
// weight bytes, default target and budget.
#include "reports/budget.hpp"
#include "tools/mcusim/commands.hpp"
#include "tools/mcusim/model_run.hpp"
#include "runtime/firmware/size_breakdown.hpp"
#include "tools/mcusim/workloads.hpp"

#include <fmt/format.h>

namespace mcusim::cli {
namespace {

int list() {
  fmt::print("{:<12} {:>4} {:>10} {:>9}  {:<12} {}\n", "workload", "ops", "MACs", "weights", "target", "budget");
  for (const Workload& w : list_workloads()) {
    const compiler::Model model = load_model(w.model);
    std::int64_t macs = 0;
    for (const auto& layer : layer_infos(model)) macs += layer.macs;
    std::uint64_t weight_bytes = 0;
    for (const auto& t : model.tensors) {
      if (t.is_constant) weight_bytes += t.data.size();
    }
    std::string budget = "-";
    if (w.budget) {
      budget.clear();
      for (const BudgetLimit& limit : load_budget(*w.budget).limits) {
        // Byte and cycle limits are whole numbers, shown grouped; µs and µJ as written.
        const bool whole = limit.limit == static_cast<double>(static_cast<std::uint64_t>(limit.limit));
        const std::string value = whole ? firmware::grouped(static_cast<std::uint64_t>(limit.limit))
                                        : fmt::format("{}", limit.limit);
        budget += fmt::format("{}{} <= {}", budget.empty() ? "" : ", ", limit.name, value);
      }
    }
    fmt::print("{:<12} {:>4} {:>10} {:>9}  {:<12} {}\n", w.name, model.operators.size(),
               firmware::grouped(static_cast<std::uint64_t>(macs)), firmware::grouped(weight_bytes), w.target, budget);
  }
  return 0;
}

}  // namespace

Command add_workloads_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("workloads", "List the bundled workloads (workloads/)");
  return {cmd, [] { return list(); }};
}

}  // namespace mcusim::cli
