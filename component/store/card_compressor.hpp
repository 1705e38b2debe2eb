// A card's bytes as the store keeps them: compressed with zstd. xCard is mostly markup, so a
// typical 2.5 KB card takes about 700 bytes; it is written twice (the WAL, then the database)
// and read back for every copy, so this is most of the store's disk traffic and size.
//
// A stored card is a BLOB (one zstd frame of the card's XML); cards stored before compression
// are TEXT and are read as they are. One compressor belongs to one thread (the store thread):
// it keeps zstd's contexts between cards.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace cardex::component::store {

class CardCompressor {
  public:
    CardCompressor();
    ~CardCompressor();
    CardCompressor(const CardCompressor&) = delete;
    CardCompressor& operator=(const CardCompressor&) = delete;

    std::string compress(std::string_view xml);
    // The card's XML from a stored frame. Throws SqliteError naming what is wrong with a frame
    // that is not one (a damaged database), or that would unpack to more than kMaxCardBytes.
    std::string decompress(std::string_view frame);

    // No card the service accepts comes near this (copies are at most max_copy_bytes).
    static constexpr std::size_t kMaxCardBytes = 16 * 1024 * 1024;

  private:
    struct Contexts;
    std::unique_ptr<Contexts> contexts_;
};

}  // namespace cardex::component::store
