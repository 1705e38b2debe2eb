#include "bench/stanza_scanner.hpp"

#include <expat.h>

#include <climits>
#include <cstring>

namespace cardex::bench {

struct StanzaScanner::Impl {
    StanzaScanner& owner;
    XML_Parser parser = nullptr;
    int depth = 0;  // 1 inside the stream root, 2 inside a stanza
    bool in_error = false;
    StanzaHead head;
    XML_Index stanza_start = 0;

    explicit Impl(StanzaScanner& o) : owner(o) { create(); }
    ~Impl() { XML_ParserFree(parser); }

    void create() {
        if (parser != nullptr) XML_ParserFree(parser);
        parser = XML_ParserCreate("UTF-8");
        XML_SetUserData(parser, this);
        XML_SetElementHandler(parser, &Impl::on_start, &Impl::on_end);
        XML_SetCharacterDataHandler(parser, &Impl::on_text);
        depth = 0;
        in_error = false;
    }

    static void on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
        auto* self = static_cast<Impl*>(data);
        ++self->depth;
        if (self->depth == 1) {
            std::map<std::string, std::string> header;
            for (int i = 0; attrs[i] != nullptr; i += 2)
                header[attrs[i]] = attrs[i + 1];
            if (self->owner.on_stream_header) self->owner.on_stream_header(header);
        } else if (self->depth == 2) {
            self->start_stanza(name, attrs);
        } else if (self->depth == 3) {
            self->in_error = std::strcmp(name, "error") == 0;
        } else if (self->depth == 4 && self->in_error && self->head.error_condition.empty() &&
                   std::strcmp(name, "text") != 0) {
            self->head.error_condition = name;
        }
    }

    void start_stanza(const XML_Char* name, const XML_Char** attrs) {
        head.name = name;
        head.id.clear();
        head.type.clear();
        head.from.clear();
        head.to.clear();
        head.error_condition.clear();
        head.text.clear();
        stanza_start = XML_GetCurrentByteIndex(parser);
        for (int i = 0; attrs[i] != nullptr; i += 2) {
            const std::string_view key = attrs[i];
            if (key == "id") {
                head.id = attrs[i + 1];
            } else if (key == "type") {
                head.type = attrs[i + 1];
            } else if (key == "from") {
                head.from = attrs[i + 1];
            } else if (key == "to") {
                head.to = attrs[i + 1];
            }
        }
    }

    static void on_end(void* data, const XML_Char*) {
        auto* self = static_cast<Impl*>(data);
        if (self->depth == 2) {
            const XML_Index end =
                XML_GetCurrentByteIndex(self->parser) + XML_GetCurrentByteCount(self->parser);
            self->head.bytes = static_cast<std::size_t>(end - self->stanza_start);
            if (self->owner.on_stanza) self->owner.on_stanza(self->head);
        } else if (self->depth == 1 && self->owner.on_stream_end) {
            self->owner.on_stream_end();
        }
        --self->depth;
    }

    static void on_text(void* data, const XML_Char* text, int length) {
        auto* self = static_cast<Impl*>(data);
        if (self->depth == 2) self->head.text.append(text, static_cast<std::size_t>(length));
    }
};

StanzaScanner::StanzaScanner() : impl_(std::make_unique<Impl>(*this)) {}
StanzaScanner::~StanzaScanner() = default;

void StanzaScanner::reset() {
    impl_->create();
}

Status StanzaScanner::feed(std::string_view bytes) {
    while (!bytes.empty()) {
        const std::size_t n = std::min<std::size_t>(bytes.size(), INT_MAX);
        if (XML_Parse(impl_->parser, bytes.data(), static_cast<int>(n), XML_FALSE) !=
            XML_STATUS_OK) {
            return make_error("malformed XML from the component at line " +
                              std::to_string(XML_GetCurrentLineNumber(impl_->parser)) + ": " +
                              XML_ErrorString(XML_GetErrorCode(impl_->parser)));
        }
        bytes.remove_prefix(n);
    }
    return Ok{};
}

}  // namespace cardex::bench
