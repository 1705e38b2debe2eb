#include "component/daemon/logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace cardex::component {

std::shared_ptr<spdlog::logger> make_logger(const LogConfig& config) {
    spdlog::sink_ptr sink;
    if (config.file.empty()) {
        sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    } else {
        sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(config.file);
    }
    auto logger = std::make_shared<spdlog::logger>("cardexd", std::move(sink));
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %l %v");
    logger->set_level(spdlog::level::from_str(config.level));
    logger->flush_on(spdlog::level::trace);
    return logger;
}

}  // namespace cardex::component
