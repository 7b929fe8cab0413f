#pragma once

#include "common/timestamp_parser.h"

#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <simdjson.h>
#include <string_view>

namespace faultline::importers::json {

// Where the current document came from, for error messages.
struct DocumentOrigin
{
    QString file;
    qint64 line = 0; // 1-based line where the document starts (JSON Lines); 0 for a whole-file document
};

// A read-only view of one JSON value (simdjson DOM) that knows its JSON path, so that every
// wrong-typed or unparseable value fails with "<file>:<line>: $.jobs[3].started_at: expected …,
// found …". Absent fields and null read as "not there" (nullopt / empty); a present value of the
// wrong type is an ImportError. Nodes are small values (the path is kept inline up to 10 levels),
// valid while the parser that produced their document is.
class Node
{
public:
    Node(simdjson::dom::element element, const DocumentOrigin* origin);

    Node operator[](std::string_view key) const;
    bool exists() const { return m_exists; }
    bool isNull() const;
    bool isObject() const;
    bool isArray() const;
    bool isString() const;
    bool isNumber() const;
    bool has(std::string_view key) const { return (*this)[key].exists() && !(*this)[key].isNull(); }

    std::optional<QString> string() const;
    QString text() const { return string().value_or(QString()); } // empty when absent
    std::string_view view() const; // raw UTF-8, empty when absent
    std::optional<std::int64_t> integer() const; // integral numbers (a whole float too)
    std::optional<double> number() const;
    std::optional<bool> boolean() const;
    // An id given as a number or a string, as text; empty when absent.
    QString id() const;
    // ISO-8601 text (any form of FORMATS.md §0); absent, null or "" → nullopt; garbage throws.
    std::optional<std::int64_t> timestamp(const TimestampParser& parser) const;
    // Epoch milliseconds as a number (Jenkins); absent, null or 0 → nullopt.
    std::optional<std::int64_t> epochMs() const;

    // Required variants: absent/null throws with "expected <what>".
    QString requireText() const;
    QString requireId() const;
    std::int64_t requireInteger() const;

    // Calls f(Node) for each element of an array; absent or null: nothing; another type: error.
    template <typename F> void forEach(F&& f) const
    {
        if (!m_exists || isNull())
            return;
        simdjson::dom::array array;
        if (m_element.get_array().get(array) != simdjson::SUCCESS)
            fail("an array");
        std::int64_t index = 0;
        for (simdjson::dom::element element : array)
            f(child(element, {}, index++));
    }
    std::size_t arraySize() const;

    // Calls f(std::string_view key, Node) for each field of an object.
    template <typename F> void forEachField(F&& f) const
    {
        if (!m_exists || isNull())
            return;
        simdjson::dom::object object;
        if (m_element.get_object().get(object) != simdjson::SUCCESS)
            fail("an object");
        for (auto field : object)
            f(field.key, child(field.value, field.key, -1));
    }

    // The first element of an array (nullopt when empty); an object is its own first record, so a
    // list and a single record read alike.
    std::optional<Node> first() const;

    QString path() const; // "$.jobs[3].steps[0].name"
    qint64 line() const { return m_origin ? m_origin->line : 0; } // of the document, for warnings
    const DocumentOrigin* origin() const { return m_origin; }
    simdjson::dom::element element() const { return m_element; }
    // "<file>:<line>: <path>: expected <expected>, found <what is there>".
    [[noreturn]] void fail(const QString& expected) const;
    [[noreturn]] void fail(const char* expected) const { fail(QString::fromUtf8(expected)); }
    // The message fail() would throw, for warnings.
    QString describe(const QString& problem) const;

private:
    struct Segment
    {
        std::string_view key; // empty for an array index
        std::int64_t index = -1;
    };
    static constexpr int kMaxDepth = 10;

    Node() = default;
    Node child(simdjson::dom::element element, std::string_view key, std::int64_t index) const;
    QString found() const;

    simdjson::dom::element m_element;
    const DocumentOrigin* m_origin = nullptr;
    bool m_exists = false;
    std::uint8_t m_depth = 0;
    bool m_truncated = false;
    std::array<Segment, kMaxDepth> m_path {};
};

} // namespace faultline::importers::json
