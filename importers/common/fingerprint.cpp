#include "fingerprint.h"

#include <QRegularExpression>

namespace faultline::importers {

namespace {

struct Replacement
{
    QRegularExpression pattern;
    QString placeholder;
};

// Order matters: a URL contains paths and numbers, a timestamp contains numbers, a path may hold
// hex ids; the wider pattern goes first so it becomes one placeholder.
const std::vector<Replacement>& replacements()
{
    static const std::vector<Replacement> list {
        { QRegularExpression(QStringLiteral(R"([a-z][a-z0-9+.-]*://\S+)")), QStringLiteral("<url>") },
        { QRegularExpression(QStringLiteral(R"("[^"]*"|'[^']*'|`[^`]*`|“[^”]*”|‘[^’]*’)")),
          QStringLiteral("<q>") },
        { QRegularExpression(QStringLiteral(
              R"(\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:z|utc|[+-]\d{2}:?\d{2})?)?|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b)")),
          QStringLiteral("<time>") },
        { QRegularExpression(
              QStringLiteral(R"(\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)")),
          QStringLiteral("<uuid>") },
        { QRegularExpression(QStringLiteral(R"((?:[a-z]:)?(?:[\w.~-]*[/\\])+[\w.~-]+)")),
          QStringLiteral("<path>") },
        { QRegularExpression(QStringLiteral(R"(\b(?:0x)?(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b)")),
          QStringLiteral("<hex>") },
        { QRegularExpression(QStringLiteral(R"(\d+(?:\.\d+)?)")), QStringLiteral("<n>") },
        { QRegularExpression(QStringLiteral(R"(\s+)")), QStringLiteral(" ") },
    };
    return list;
}

} // namespace

QString normalizeForFingerprint(const QString& text)
{
    QString s = text.toLower();
    for (const Replacement& r : replacements())
        s.replace(r.pattern, r.placeholder);
    return s.trimmed();
}

} // namespace faultline::importers
