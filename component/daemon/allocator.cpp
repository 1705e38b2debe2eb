// cardexd runs on jemalloc (linked in component/CMakeLists.txt). Its defaults keep freed pages
// for 10 s before giving them back; a busy service frees a card's bytes on one thread soon
// after another allocated them, so those pages piled up to a third of its memory. Returning
// them after 1 s keeps the peak near what is really in use at no measurable cost in speed.
// MALLOC_CONF in the environment still overrides this.

extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): read by jemalloc
const char* malloc_conf = "dirty_decay_ms:1000,muzzy_decay_ms:0";
}
