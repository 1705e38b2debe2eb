#include "component/store/card_compressor.hpp"

#include <zstd.h>

#include "component/store/sqlite.hpp"

namespace cardex::component::store {
namespace {

// Level 1: the fastest; higher levels gain a few percent on cards for several times the time.
constexpr int kLevel = 1;

}  // namespace

struct CardCompressor::Contexts {
    struct FreeC {
        void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
    };
    struct FreeD {
        void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
    };
    std::unique_ptr<ZSTD_CCtx, FreeC> compress{ZSTD_createCCtx()};
    std::unique_ptr<ZSTD_DCtx, FreeD> decompress{ZSTD_createDCtx()};
};

CardCompressor::CardCompressor() : contexts_(std::make_unique<Contexts>()) {
    if (!contexts_->compress || !contexts_->decompress)
        throw SqliteError("the card store could not set up zstd (out of memory)");
}

CardCompressor::~CardCompressor() = default;

std::string CardCompressor::compress(std::string_view xml) {
    std::string frame(ZSTD_compressBound(xml.size()), '\0');
    const std::size_t size = ZSTD_compressCCtx(contexts_->compress.get(), frame.data(),
                                               frame.size(), xml.data(), xml.size(), kLevel);
    if (ZSTD_isError(size) != 0)
        throw SqliteError(std::string("the card store could not compress a card: ") +
                          ZSTD_getErrorName(size));
    frame.resize(size);
    return frame;
}

std::string CardCompressor::decompress(std::string_view frame) {
    const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
        throw SqliteError("a stored card is damaged: its " + std::to_string(frame.size()) +
                          " bytes are not a zstd frame with its size");
    if (size > kMaxCardBytes)
        throw SqliteError("a stored card is damaged: it says it unpacks to " +
                          std::to_string(size) + " bytes, more than any card");
    std::string xml(static_cast<std::size_t>(size), '\0');
    const std::size_t got = ZSTD_decompressDCtx(contexts_->decompress.get(), xml.data(), xml.size(),
                                                frame.data(), frame.size());
    if (ZSTD_isError(got) != 0 || got != xml.size())
        throw SqliteError(
            std::string("a stored card is damaged: ") +
            (ZSTD_isError(got) != 0 ? ZSTD_getErrorName(got) : "it is shorter than it says"));
    return xml;
}

}  // namespace cardex::component::store
