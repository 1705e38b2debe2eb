// Result<T>: a value or an Error that says what went wrong, where and why.
//
// The one error style of the project: parsers, codecs and validators return values, never
// throw. Exceptions are used only at process boundaries (main, plugin hooks).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace cardex {

struct Error {
    std::string message;  // never empty: what, where, why

    friend bool operator==(const Error&, const Error&) = default;
};

template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
    Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    const Error& error() const { return std::get<Error>(state_); }

    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

  private:
    std::variant<T, Error> state_;
};

// Success without a value.
struct Ok {
    friend bool operator==(Ok, Ok) = default;
};
using Status = Result<Ok>;

inline Error make_error(std::string message) {
    assert(!message.empty());
    return Error{std::move(message)};
}

}  // namespace cardex
