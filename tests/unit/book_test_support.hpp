// Helpers shared by the address book and protocol engine tests: cards from vCard text, books
// on a fixed clock, deliveries as a card service sends them.
#pragma once

#include <memory>
#include <string>

#include "client/book/address_book.hpp"
#include "core/protocol/delivery.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::testing {

// The value of an operation that must succeed; the test fails (by the exception) when not.
template <class T>
T must(Result<T> result) {
    if (!result) throw std::runtime_error(result.error().message);
    return std::move(result).value();
}

// One card from the lines between BEGIN and END (each line without its CRLF).
inline vcard::Card card_of(std::initializer_list<std::string> lines) {
    std::string text = "BEGIN:VCARD\r\nVERSION:4.0\r\n";
    for (const auto& line : lines)
        text += line + "\r\n";
    auto read = vcard::read_vcard_text(text + "END:VCARD\r\n");
    if (read.cards.size() != 1 || !read.errors.empty()) throw std::runtime_error("bad test card");
    return read.cards.front();
}

inline protocol::Timestamp at_second(long long s) {
    return protocol::Timestamp(std::chrono::seconds(s));
}

// A book (in memory unless a path is given) with region DE and a clock that starts at
// 2026-12-01 and moves one second per reading.
inline std::unique_ptr<client::book::AddressBook> open_test_book(
    const std::string& path = ":memory:", bool inbox = false) {
    client::book::BookOptions options;
    options.region = "DE";
    options.inbox = inbox;
    auto clock = std::make_shared<long long>(1'796'083'200);
    options.clock = [clock] { return at_second((*clock)++); };
    auto book = client::book::AddressBook::open(path, std::move(options));
    if (!book) throw std::runtime_error(book.error().message);
    return std::move(book).value();
}

inline protocol::CardDelivery delivery_of(const std::string& id, const std::string& sender,
                                          vcard::Card card) {
    protocol::CardDelivery d;
    d.id = id;
    d.from = *xmpp::Jid::parse(sender);
    d.stamp = at_second(1'796'083'000);
    d.card = std::move(card);
    return d;
}

}  // namespace cardex::testing
