// sim/target/spelling.hpp — "did you mean ...?" for names a user can mistype
// (target-file keys, target names).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mcusim {

// Levenshtein distance (insert, delete, substitute each cost 1), case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if close enough to be a plausible typo:
// at most 2 edits, and fewer edits than a third of the longer word's length + 1.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates);
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates);

// "a, b, c" — for advice lines listing what is allowed.
std::string join_names(std::span<const std::string_view> names);
std::string join_names(std::span<const std::string> names);

}  // namespace mcusim
