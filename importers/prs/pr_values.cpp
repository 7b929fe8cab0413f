#include "pr_values.h"

#include <QRegularExpression>

namespace faultline::importers::prs {

using json::Node;

void forEachListItem(const Node& list, const std::function<void(const Node&)>& f)
{
    if (!list.exists() || list.isNull())
        return;
    if (list.isArray()) {
        list.forEach(f);
        return;
    }
    if (list.isObject() && list.has("nodes")) {
        const Node nodes = list["nodes"];
        if (!nodes.isArray())
            nodes.fail("an array");
        nodes.forEach(f);
        return;
    }
    if (list.isObject() && list.has("edges")) {
        const Node edges = list["edges"];
        if (!edges.isArray())
            edges.fail("an array");
        edges.forEach([&f](const Node& edge) {
            if (!edge.isObject())
                edge.fail("an object with \"node\"");
            f(edge["node"]);
        });
        return;
    }
    list.fail("an array");
}

QString shaOf(const Node& node)
{
    const QString text = node.text().trimmed();
    if (text.isEmpty())
        return {};
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{7,64}$"));
    if (!hex.match(text).hasMatch())
        node.fail("a commit sha (7 to 64 hex digits)");
    return text.toLower();
}

std::int64_t numberOf(const Node& number)
{
    constexpr const char* kExpected = "the pull request number (a positive integer)";
    if (number.exists() && !number.isNull() && !number.isNumber())
        number.fail(kExpected);
    const auto value = number.integer();
    if (!value || *value <= 0)
        number.fail(kExpected);
    return *value;
}

QStringList labelsOf(const Node& list)
{
    QStringList labels;
    forEachListItem(list, [&labels](const Node& label) {
        const QString name
            = label.isObject() ? label["name"].requireText() : label.string().value_or(QString());
        if (!name.isEmpty() && !labels.contains(name))
            labels << name;
    });
    return labels;
}

QString fieldOf(const Node& object, std::string_view key)
{
    return object.exists() && !object.isNull() ? object[key].text() : QString();
}

QString githubRepoOfUrl(const QString& url)
{
    static const QRegularExpression re(QStringLiteral(R"(^https?://[^/]+/([^/\s]+/[^/\s]+)/pulls?/\d+)"));
    const auto m = re.match(url);
    return m.hasMatch() ? m.captured(1) : QString();
}

PrRecordReader::PrRecordReader(const QString& path, FileImportContext& ctx)
    : m_reader(path)
    , m_ctx(ctx)
{ }

void PrRecordReader::forEachRecord(const Node& records, const QString& what,
                                   const std::function<void(const Node&)>& write)
{
    auto one = [&](const Node& record) {
        if (!record.isObject())
            record.fail(what);
        write(record);
        if (++m_records % 500 == 0)
            m_ctx.progress(m_reader.bytesRead());
    };
    if (records.isObject() && !records.has("nodes") && !records.has("edges"))
        one(records);
    else
        forEachListItem(records, one);
}

void PrRecordReader::finish()
{
    m_ctx.progress(m_reader.bytesRead());
    if (m_records == 0)
        m_ctx.warn(QStringLiteral("empty"), m_reader.path(), 0, QStringLiteral("$"),
                   QStringLiteral("no pull requests in the file: nothing to import"));
}

} // namespace faultline::importers::prs
