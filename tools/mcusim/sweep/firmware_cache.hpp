// tools/mcusim/sweep/firmware_cache.hpp — one firmware build per key, shared
// by every thread that asks for it: the first asks, builds it in a folder of
// its own, and the others wait for that build instead of starting their own.
// A build that throws throws again for every point that shares its key.
#pragma once

#include "tools/mcusim/model_run.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace mcusim::cli::sweep {

class FirmwareCache {
 public:
  using Firmware = std::shared_ptr<const ModelFirmware>;
  using Build = std::function<ModelFirmware(const std::filesystem::path& dir)>;

  explicit FirmwareCache(std::filesystem::path work_dir) : work_dir_(std::move(work_dir)) {}

  // The firmware of `key`, built by `build` into a fresh sub-folder of the
  // work folder when no thread built it yet.
  Firmware get(const std::string& key, const Build& build) {
    std::shared_future<Firmware> ready;
    std::promise<Firmware> promise;
    std::filesystem::path dir;
    {
      const std::lock_guard lock(mutex_);
      if (const auto found = builds_.find(key); found != builds_.end()) {
        ready = found->second;
      } else {
        dir = work_dir_ / ("firmware-" + std::to_string(builds_.size()));
        ready = promise.get_future().share();
        builds_.emplace(key, ready);
      }
    }
    if (!dir.empty()) {  // this thread builds it; the lock is not held meanwhile
      try {
        std::filesystem::create_directories(dir);
        promise.set_value(std::make_shared<const ModelFirmware>(build(dir)));
      } catch (...) {
        promise.set_exception(std::current_exception());
      }
    }
    return ready.get();
  }

  std::size_t builds() const {
    const std::lock_guard lock(mutex_);
    return builds_.size();
  }

 private:
  std::filesystem::path work_dir_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_future<Firmware>> builds_;
};

}  // namespace mcusim::cli::sweep
