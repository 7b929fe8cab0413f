#include "link_text.h"

#include <algorithm>

namespace faultline::importers::link {

QString sha7(const QString& sha)
{
    return sha.left(7);
}

QString durationText(std::int64_t ms)
{
    constexpr double kHourMs = 3600.0 * 1000.0;
    const double hours = double(ms) / kHourMs;
    if (ms < std::int64_t(kHourMs))
        return QStringLiteral("%1 min").arg((ms + 30000) / 60000);
    if (hours < 48)
        return QStringLiteral("%1 h").arg(hours, 0, 'f', 1);
    return QStringLiteral("%1 days").arg(hours / 24, 0, 'f', 1);
}

QString repositoryKey(const QString& repositoryOrProject)
{
    QString text = repositoryOrProject.trimmed().toLower();
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    if (text.endsWith(QLatin1String(".git")))
        text.chop(4);
    const qsizetype slash = std::max(text.lastIndexOf(QLatin1Char('/')), text.lastIndexOf(QLatin1Char(':')));
    return slash >= 0 ? text.mid(slash + 1) : text;
}

bool looksLikeSha(const QString& text)
{
    if (text.size() < 7)
        return false;
    for (QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9'))
              || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

} // namespace faultline::importers::link
