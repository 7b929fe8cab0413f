#pragma once

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

#include <vector>

namespace faultline::importers::link {

// Which pull requests bots opened (Dependabot, Renovate, GitHub Apps): rules over the author's login
// and the head branch, from resources/bot_rules.json and optionally a user's file of the same shape
// tried first.
class BotRules
{
public:
    // The built-in rules; with `userFile`, its rules first. Throws ImportError naming the file and
    // the JSON path of a bad rule.
    static BotRules load(const QString& userFile = {});
    static BotRules fromJson(const QByteArray& json, const QString& origin);

    // The id of the first rule that matches, or an empty string.
    QString match(const QString& authorLogin, const QString& headRef) const;

private:
    struct Rule
    {
        QString id;
        QRegularExpression author; // empty pattern: any author
        QString branchPrefix; // empty: any branch
    };
    std::vector<Rule> m_rules;
};

} // namespace faultline::importers::link
