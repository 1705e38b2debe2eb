// The daemon's logger, built from [log]: one named logger, passed to whoever logs.
#pragma once

#include <spdlog/logger.h>

#include <memory>

#include "component/config/config.hpp"

namespace cardex::component {

std::shared_ptr<spdlog::logger> make_logger(const LogConfig& config);

}  // namespace cardex::component
