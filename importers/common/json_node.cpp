#include "json_node.h"

#include "common/import_error.h"

#include <cmath>
#include <limits>

namespace faultline::importers::json {

namespace {

QString quoted(std::string_view text)
{
    constexpr std::size_t kMax = 60;
    QString s = QString::fromUtf8(text.data(), qsizetype(std::min(text.size(), kMax)));
    if (text.size() > kMax)
        s += QStringLiteral("…");
    return QLatin1Char('"') + s + QLatin1Char('"');
}

} // namespace

Node::Node(simdjson::dom::element element, const DocumentOrigin* origin)
    : m_element(element)
    , m_origin(origin)
    , m_exists(true)
{ }

Node Node::child(simdjson::dom::element element, std::string_view key, std::int64_t index) const
{
    Node node;
    node.m_element = element;
    node.m_origin = m_origin;
    node.m_exists = true;
    node.m_path = m_path;
    node.m_depth = m_depth;
    node.m_truncated = m_truncated;
    if (node.m_depth < kMaxDepth)
        node.m_path[node.m_depth++] = Segment { key, index };
    else
        node.m_truncated = true;
    return node;
}

Node Node::operator[](std::string_view key) const
{
    if (!m_exists || isNull()) {
        Node absent = child({}, key, -1);
        absent.m_exists = false;
        return absent;
    }
    simdjson::dom::object object;
    if (m_element.get_object().get(object) != simdjson::SUCCESS)
        fail(QStringLiteral("an object with \"%1\"")
                 .arg(QString::fromUtf8(key.data(), qsizetype(key.size()))));
    simdjson::dom::element value;
    if (object.at_key(key).get(value) != simdjson::SUCCESS) {
        Node absent = child({}, key, -1);
        absent.m_exists = false;
        return absent;
    }
    return child(value, key, -1);
}

bool Node::isNull() const
{
    return m_exists && m_element.is_null();
}

bool Node::isObject() const
{
    return m_exists && m_element.is_object();
}

bool Node::isArray() const
{
    return m_exists && m_element.is_array();
}

bool Node::isString() const
{
    return m_exists && m_element.is_string();
}

bool Node::isNumber() const
{
    return m_exists && m_element.is_number();
}

std::string_view Node::view() const
{
    if (!m_exists || isNull())
        return {};
    std::string_view text;
    if (m_element.get_string().get(text) != simdjson::SUCCESS)
        fail("a string");
    return text;
}

std::optional<QString> Node::string() const
{
    if (!m_exists || isNull())
        return std::nullopt;
    const std::string_view text = view();
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

std::optional<std::int64_t> Node::integer() const
{
    if (!m_exists || isNull())
        return std::nullopt;
    std::int64_t i = 0;
    if (m_element.get_int64().get(i) == simdjson::SUCCESS)
        return i;
    double d = 0;
    if (m_element.get_double().get(d) == simdjson::SUCCESS && std::isfinite(d) && d == std::floor(d)
        && std::fabs(d) < 9.0e15)
        return std::int64_t(d);
    fail("an integer");
}

std::optional<double> Node::number() const
{
    if (!m_exists || isNull())
        return std::nullopt;
    double d = 0;
    if (m_element.get_double().get(d) != simdjson::SUCCESS || !std::isfinite(d))
        fail("a number");
    return d;
}

std::optional<bool> Node::boolean() const
{
    if (!m_exists || isNull())
        return std::nullopt;
    bool b = false;
    if (m_element.get_bool().get(b) != simdjson::SUCCESS)
        fail("true or false");
    return b;
}

QString Node::id() const
{
    if (!m_exists || isNull())
        return {};
    if (m_element.is_string())
        return text();
    std::int64_t i = 0;
    if (m_element.get_int64().get(i) == simdjson::SUCCESS)
        return QString::number(i);
    std::uint64_t u = 0;
    if (m_element.get_uint64().get(u) == simdjson::SUCCESS)
        return QString::number(u);
    fail("an id (a string or an integer)");
}

std::optional<std::int64_t> Node::timestamp(const TimestampParser& parser) const
{
    if (!m_exists || isNull())
        return std::nullopt;
    const std::string_view text = view();
    if (text.empty())
        return std::nullopt;
    if (auto ms = parser.parse(text))
        return ms;
    fail("an ISO-8601 timestamp");
}

std::optional<std::int64_t> Node::epochMs() const
{
    const auto ms = integer();
    if (!ms || *ms == 0)
        return std::nullopt;
    // Epoch ms of 1970–2199; anything else is not a timestamp (seconds, or garbage).
    constexpr std::int64_t kMin = 0;
    constexpr std::int64_t kMax = 7258118400000; // 2200-01-01
    if (*ms < kMin || *ms >= kMax)
        fail("epoch milliseconds between 1970 and 2199");
    return ms;
}

QString Node::requireText() const
{
    if (!m_exists || isNull())
        fail("a string");
    return text();
}

QString Node::requireId() const
{
    QString value = id();
    if (value.isEmpty())
        fail("an id");
    return value;
}

std::int64_t Node::requireInteger() const
{
    const auto value = integer();
    if (!value)
        fail("an integer");
    return *value;
}

std::size_t Node::arraySize() const
{
    if (!m_exists || isNull())
        return 0;
    simdjson::dom::array array;
    if (m_element.get_array().get(array) != simdjson::SUCCESS)
        fail("an array");
    return array.size();
}

std::optional<Node> Node::first() const
{
    if (!isArray())
        return *this;
    simdjson::dom::array array;
    if (m_element.get_array().get(array) != simdjson::SUCCESS || array.size() == 0)
        return std::nullopt;
    return child(array.at(0).value_unsafe(), {}, 0);
}

QString Node::path() const
{
    QString p = QStringLiteral("$");
    for (int i = 0; i < m_depth; ++i) {
        const Segment& segment = m_path[size_t(i)];
        if (segment.index >= 0)
            p += QLatin1Char('[') + QString::number(segment.index) + QLatin1Char(']');
        else
            p += QLatin1Char('.') + QString::fromUtf8(segment.key.data(), qsizetype(segment.key.size()));
    }
    if (m_truncated)
        p += QStringLiteral("…");
    return p;
}

QString Node::found() const
{
    if (!m_exists)
        return QStringLiteral("nothing");
    switch (m_element.type()) {
    case simdjson::dom::element_type::ARRAY:
        return QStringLiteral("an array");
    case simdjson::dom::element_type::OBJECT:
        return QStringLiteral("an object");
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE: {
        const std::string text = simdjson::minify(m_element);
        return QStringLiteral("the number ") + QString::fromStdString(text).left(40);
    }
    case simdjson::dom::element_type::STRING: {
        std::string_view text;
        if (m_element.get_string().get(text) != simdjson::SUCCESS)
            return QStringLiteral("a string");
        return QStringLiteral("the string ") + quoted(text);
    }
    case simdjson::dom::element_type::BOOL:
        return QStringLiteral("a boolean");
    case simdjson::dom::element_type::NULL_VALUE:
        return QStringLiteral("null");
    }
    return QStringLiteral("something else");
}

QString Node::describe(const QString& problem) const
{
    QString where = m_origin ? m_origin->file : QStringLiteral("<json>");
    if (m_origin && m_origin->line > 0)
        where += QLatin1Char(':') + QString::number(m_origin->line);
    return where + QStringLiteral(": ") + path() + QStringLiteral(": ") + problem;
}

void Node::fail(const QString& expected) const
{
    throw ImportError(describe(QStringLiteral("expected %1, found %2").arg(expected, found())));
}

} // namespace faultline::importers::json
