// tests/runtime/compiler/kernel_variants_test.cpp — the kernel variants' source
// lists on this source tree: ref is runtime/kernels/*.c, a variant replaces the
// files it has and keeps the rest; an unknown name is bad input (exit 2) and
// the message lists the valid names.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "runtime/compiler/kernel_variants.hpp"
#include "sim/error.hpp"

namespace mcusim::compiler {
namespace {

namespace fs = std::filesystem;

const fs::path kRuntime = fs::path(MCUSIM_SOURCE_DIR) / "runtime";

bool contains(const std::vector<fs::path>& files, const fs::path& file) {
  return std::find(files.begin(), files.end(), file) != files.end();
}

TEST(KernelVariants, NamesAreRefM0M4) {
  const auto names = kernel_variant_names();
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[0], "ref");
  EXPECT_EQ(names[1], "m0");
  EXPECT_EQ(names[2], "m4");
  EXPECT_TRUE(is_kernel_variant("m4"));
  EXPECT_FALSE(is_kernel_variant("M4"));
}

TEST(KernelVariants, RefIsTheReferenceFilesSorted) {
  const auto ref = kernel_variant_sources(kRuntime, "ref");
  EXPECT_TRUE(contains(ref, kRuntime / "kernels" / "fully_connected_s8.c"));
  EXPECT_TRUE(contains(ref, kRuntime / "kernels" / "softmax_s8.c"));
  EXPECT_TRUE(std::is_sorted(ref.begin(), ref.end(),
                             [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); }));
  for (const fs::path& source : ref) EXPECT_EQ(source.parent_path(), kRuntime / "kernels") << source;
}

TEST(KernelVariants, AVariantReplacesItsFilesAndKeepsTheRest) {
  const auto ref = kernel_variant_sources(kRuntime, "ref");
  for (const char* variant : {"m0", "m4"}) {
    const auto sources = kernel_variant_sources(kRuntime, variant);
    ASSERT_EQ(sources.size(), ref.size()) << variant;
    for (std::size_t i = 0; i < ref.size(); ++i) EXPECT_EQ(sources[i].filename(), ref[i].filename());
    for (const char* replaced : {"fully_connected_s8.c", "conv2d_s8.c", "depthwise_conv2d_s8.c"}) {
      EXPECT_TRUE(contains(sources, kRuntime / "kernels" / variant / replaced)) << variant << " " << replaced;
      EXPECT_FALSE(contains(sources, kRuntime / "kernels" / replaced)) << variant << " " << replaced;
    }
    EXPECT_TRUE(contains(sources, kRuntime / "kernels" / "softmax_s8.c")) << variant;
  }
}

TEST(KernelVariants, CompileFlagsAndCores) {
  EXPECT_TRUE(kernel_variant_compile_flags("ref").empty());
  EXPECT_EQ(kernel_variant_compile_flags("m0"),
            (std::vector<std::string>{"-fomit-frame-pointer", "-mllvm", "-disable-lsr"}));
  EXPECT_EQ(kernel_variant_compile_flags("m4"),
            (std::vector<std::string>{"-munaligned-access", "-fomit-frame-pointer", "-mllvm", "-disable-lsr"}));
  EXPECT_TRUE(kernel_variant_runs_on_armv6m("m0"));
  EXPECT_FALSE(kernel_variant_runs_on_armv6m("m4"));
}

TEST(KernelVariants, UnknownVariantIsBadInputNamingTheValidOnes) {
  try {
    kernel_variant_sources(kRuntime, "cmsis");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(exit_code(error.kind()), 2);
    EXPECT_NE(std::string(error.what()).find("'cmsis'"), std::string::npos) << error.what();
    EXPECT_EQ(error.advice(), "choose one of: ref, m0, m4");
  }
  EXPECT_THROW(kernel_variant_compile_flags(""), Error);
}

TEST(KernelVariants, AFolderWithoutKernelsIsBadInput) {
  EXPECT_THROW(kernel_variant_sources(kRuntime / "no-such-folder", "ref"), Error);
}

}  // namespace
}  // namespace mcusim::compiler
