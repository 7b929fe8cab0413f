#include "bot_rules.h"

#include "common/import_error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace faultline::importers::link {

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1: cannot read the bot rules: %2").arg(path, file.errorString()));
    return file.readAll();
}

} // namespace

BotRules BotRules::fromJson(const QByteArray& json, const QString& origin)
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
            QStringLiteral("%1: $.rules: expected an array of {\"id\", \"author\", \"branch\"} rules")
                .arg(origin));
    BotRules rules;
    const QJsonArray array = doc.object().value(QLatin1String("rules")).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("%1: $.rules[%2]").arg(origin).arg(i);
        const QJsonObject object = array.at(i).toObject();
        Rule rule;
        rule.id = object.value(QLatin1String("id")).toString();
        if (rule.id.isEmpty())
            throw ImportError(QStringLiteral("%1.id: expected the rule's name").arg(where));
        const QString author = object.value(QLatin1String("author")).toString();
        rule.branchPrefix = object.value(QLatin1String("branch")).toString();
        if (author.isEmpty() && rule.branchPrefix.isEmpty())
            throw ImportError(
                QStringLiteral("%1: expected \"author\" (a regular expression) or \"branch\" (a prefix)")
                    .arg(where));
        if (!author.isEmpty()) {
            rule.author = QRegularExpression(author, QRegularExpression::CaseInsensitiveOption);
            if (!rule.author.isValid())
                throw ImportError(
                    QStringLiteral("%1.author: expected a regular expression, found \"%2\" (%3)")
                        .arg(where, author, rule.author.errorString()));
            rule.author.optimize();
        }
        rules.m_rules.push_back(std::move(rule));
    }
    return rules;
}

BotRules BotRules::load(const QString& userFile)
{
    BotRules rules;
    if (!userFile.isEmpty())
        rules = fromJson(readFile(userFile), userFile);
    BotRules defaults = fromJson(readFile(QStringLiteral(":/faultline/rules/bot_rules.json")),
                                 QStringLiteral("bot_rules.json"));
    for (Rule& rule : defaults.m_rules)
        rules.m_rules.push_back(std::move(rule));
    return rules;
}

QString BotRules::match(const QString& authorLogin, const QString& headRef) const
{
    for (const Rule& rule : m_rules) {
        if (!rule.author.pattern().isEmpty()
            && (authorLogin.isEmpty() || !rule.author.match(authorLogin).hasMatch()))
            continue;
        if (!rule.branchPrefix.isEmpty() && !headRef.startsWith(rule.branchPrefix, Qt::CaseInsensitive))
            continue;
        return rule.id;
    }
    return {};
}

} // namespace faultline::importers::link
