#include "link_settings.h"

#include "common/import_error.h"
#include "store/link_store.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace faultline::importers::link {

namespace {

constexpr const char* kDefaultProduction = "^(prod|production|live)([-_].*)?$";
constexpr std::int64_t kDefaultWindowHours = 72;

[[noreturn]] void badSetting(const char* key, const QString& expected, const QString& found)
{
    throw ImportError(QStringLiteral("workspace setting %1: expected %2, found \"%3\"")
                          .arg(QLatin1String(key), expected, found));
}

} // namespace

QString normalizedPrefix(const QString& prefix)
{
    QString p = prefix.trimmed();
    while (p.startsWith(QLatin1String("./")))
        p.remove(0, 2);
    while (p.startsWith(QLatin1Char('/')))
        p.remove(0, 1);
    if (p.isEmpty() || p == QLatin1String("."))
        return {};
    if (!p.endsWith(QLatin1Char('/')))
        p += QLatin1Char('/');
    return p;
}

LinkSettings LinkSettings::load(store::LinkStore& store)
{
    LinkSettings s;

    QString production = store.setting(QLatin1String(kProductionKey));
    if (production.isEmpty())
        production = QLatin1String(kDefaultProduction);
    s.production = QRegularExpression(production, QRegularExpression::CaseInsensitiveOption);
    if (!s.production.isValid())
        badSetting(kProductionKey,
                   QStringLiteral("a regular expression (%1)").arg(s.production.errorString()), production);

    const QString window = store.setting(QLatin1String(kIncidentWindowKey));
    double hours = double(kDefaultWindowHours);
    if (!window.isEmpty()) {
        bool ok = false;
        hours = window.toDouble(&ok);
        if (!ok || hours < 0)
            badSetting(kIncidentWindowKey, QStringLiteral("a number of hours"), window);
    }
    s.incidentWindowMs = std::int64_t(hours * 3600.0 * 1000.0);

    const QString paths = store.setting(QLatin1String(kServicePathsKey));
    if (!paths.isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(paths.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            badSetting(kServicePathsKey, QStringLiteral("a JSON object {\"<service>\": \"<path prefix>\"}"),
                       paths);
        const QJsonObject object = doc.object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString())
                badSetting(kServicePathsKey, QStringLiteral("a path prefix (text) for \"%1\"").arg(it.key()),
                           paths);
            s.servicePaths.insert(it.key().toLower(), normalizedPrefix(it.value().toString()));
        }
    }

    s.botRulesFile = store.setting(QLatin1String(kBotRulesFileKey));
    return s;
}

} // namespace faultline::importers::link
