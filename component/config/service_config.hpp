// Readers of the card service's sections of cardexd's configuration: [storage], [service],
// [limits] and [delivery] (see component/cardexd.toml.example for every key).
#pragma once

#include <filesystem>

#include "component/config/config.hpp"
#include "core/config/toml_reader.hpp"

namespace cardex::component::config_detail {

using namespace toml_reading;

// Reads the sections present in `root` into `config` (whose link.jid is already read, for the
// default local domain); relative paths are resolved against `base_dir`.
void read_service_sections(const toml::table& root, const std::filesystem::path& base_dir,
                           Config& config, Problems& problems);

}  // namespace cardex::component::config_detail
