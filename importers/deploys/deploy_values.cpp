#include "deploy_values.h"

#include "ci/ci_values.h"

#include <QRegularExpression>

namespace faultline::importers::deploys {

namespace {

bool isHex(const QString& text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F')))
            return false;
    }
    return !text.isEmpty();
}

} // namespace

bool isFullCommitSha(const QString& text)
{
    return (text.size() == 40 || text.size() == 64) && isHex(text);
}

bool isCommitSha(const QString& text)
{
    return text.size() >= 7 && text.size() <= 64 && isHex(text);
}

QString lastSegment(const QString& pathOrUrl)
{
    QString path = pathOrUrl.trimmed();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    QString name = path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
    if (name.endsWith(QLatin1String(".git")))
        name.chop(4);
    return name;
}

std::optional<std::int64_t> latestOf(std::initializer_list<std::optional<std::int64_t>> values)
{
    return ci::latest(values);
}

void warnUnknownStatus(FileImportContext& ctx, const json::Node& node, const QString& value,
                       const QString& expected)
{
    ctx.warn(QStringLiteral("unknown-value"), node,
             QStringLiteral("unknown status '%1' (expected one of %2); kept with status unknown")
                 .arg(value, expected));
}

} // namespace faultline::importers::deploys
