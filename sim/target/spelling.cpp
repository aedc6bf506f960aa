#include "sim/target/spelling.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace mcusim {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // One row of the dynamic-programming table at a time.
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

namespace {

template <typename Name>
std::optional<std::string> closest_in(std::string_view word, std::span<const Name> candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const Name& candidate : candidates) {
    const std::string_view name = candidate;
    const std::size_t distance = edit_distance(word, name);
    const std::size_t longer = std::max(word.size(), name.size());
    if (distance == 0 || distance > 2 || distance > longer / 3 + 1) continue;
    if (!best || distance < best_distance) {
      best = std::string(name);
      best_distance = distance;
    }
  }
  return best;
}

template <typename Name>
std::string join_in(std::span<const Name> names) {
  std::string text;
  for (const Name& name : names) {
    if (!text.empty()) text += ", ";
    text += std::string_view(name);
  }
  return text;
}

}  // namespace

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates) {
  return closest_in(word, candidates);
}

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates) {
  return closest_in(word, candidates);
}

std::string join_names(std::span<const std::string_view> names) { return join_in(names); }
std::string join_names(std::span<const std::string> names) { return join_in(names); }

}  // namespace mcusim
