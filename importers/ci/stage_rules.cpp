#include "stage_rules.h"

#include "common/import_error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace faultline::importers::ci {

namespace {

const QString kOther = QStringLiteral("other");

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(
            QStringLiteral("%1: cannot read the stage rules: %2").arg(path, file.errorString()));
    return file.readAll();
}

} // namespace

const QStringList& StageRules::canonicalStages()
{
    static const QStringList stages { QStringLiteral("checkout"), QStringLiteral("setup"),
                                      QStringLiteral("build"),    QStringLiteral("lint"),
                                      QStringLiteral("test"),     QStringLiteral("package"),
                                      QStringLiteral("deploy"),   kOther };
    return stages;
}

StageRules StageRules::fromJson(const QByteArray& json, const QString& origin)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw ImportError(QStringLiteral("%1: offset %2: invalid JSON (%3)")
                              .arg(origin)
                              .arg(error.offset)
                              .arg(error.errorString()));
    if (!doc.isObject() || !doc.object().value(QLatin1String("rules")).isArray())
        throw ImportError(
            QStringLiteral("%1: $.rules: expected an array of {\"stage\", \"match\"} rules").arg(origin));
    StageRules rules;
    const QJsonArray array = doc.object().value(QLatin1String("rules")).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("%1: $.rules[%2]").arg(origin).arg(i);
        const QJsonObject rule = array.at(i).toObject();
        const QString stage = rule.value(QLatin1String("stage")).toString();
        if (!canonicalStages().contains(stage))
            throw ImportError(QStringLiteral("%1.stage: expected one of %2, found \"%3\"")
                                  .arg(where, canonicalStages().join(QStringLiteral(", ")), stage));
        const QString match = rule.value(QLatin1String("match")).toString();
        QRegularExpression pattern(match,
                                   QRegularExpression::CaseInsensitiveOption
                                       | QRegularExpression::UseUnicodePropertiesOption);
        if (match.isEmpty() || !pattern.isValid())
            throw ImportError(QStringLiteral("%1.match: expected a regular expression, found \"%2\" (%3)")
                                  .arg(where, match, pattern.errorString()));
        pattern.optimize();
        rules.m_rules.push_back({ stage, std::move(pattern) });
    }
    return rules;
}

StageRules StageRules::load(const QString& userFile)
{
    StageRules rules;
    if (!userFile.isEmpty())
        rules = fromJson(readFile(userFile), userFile);
    StageRules defaults = fromJson(readFile(QStringLiteral(":/faultline/rules/ci_stages.json")),
                                   QStringLiteral("ci_stages.json"));
    for (Rule& rule : defaults.m_rules)
        rules.m_rules.push_back(std::move(rule));
    return rules;
}

QString StageRules::match(const QString& name) const
{
    if (auto it = m_matched.constFind(name); it != m_matched.constEnd())
        return *it;
    QString stage;
    for (const Rule& rule : m_rules) {
        if (rule.pattern.match(name).hasMatch()) {
            stage = rule.stage;
            break;
        }
    }
    if (m_matched.size() < 100000)
        m_matched.insert(name, stage);
    return stage;
}

QString StageRules::jobStage(const QString& name, const QString& ciStage) const
{
    if (!ciStage.isEmpty()) {
        if (QString stage = match(ciStage); !stage.isEmpty())
            return stage;
    }
    QString stage = match(name);
    return stage.isEmpty() ? kOther : stage;
}

QString StageRules::stepStage(const QString& name, const QString& jobStage) const
{
    QString stage = match(name);
    if (!stage.isEmpty())
        return stage;
    return jobStage.isEmpty() ? kOther : jobStage;
}

} // namespace faultline::importers::ci
