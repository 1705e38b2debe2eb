# Writes OUTPUT, a C++ file holding the text of every design file in DESIGNS (a ;-list of
# paths) for client/render/shipped_designs.hpp. Run with cmake -P at build time.
set(entries "")
foreach(design IN LISTS DESIGNS)
  get_filename_component(name "${design}" NAME_WE)
  file(READ "${design}" text)
  string(APPEND entries "    {\"${name}\", R\"cardex_design(${text})cardex_design\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from client/render/designs/ by client/render/embed_designs.cmake; do not edit.\n"
  "#include \"client/render/shipped_designs.hpp\"\n\n"
  "namespace cardex::client::render {\n\n"
  "namespace {\n"
  "constexpr ShippedDesign kDesigns[] = {\n${entries}};\n"
  "}  // namespace\n\n"
  "std::span<const ShippedDesign> shipped_designs() { return kDesigns; }\n\n"
  "}  // namespace cardex::client::render\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
