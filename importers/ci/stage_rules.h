#pragma once

#include <QHash>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <vector>

namespace faultline::importers::ci {

// Maps a job's or step's name to a canonical stage (checkout, setup, build, lint, test, package,
// deploy, other) with the regex rules of resources/ci_stages.json, optionally preceded by a user's
// rules file of the same shape.
class StageRules
{
public:
    static const QStringList& canonicalStages();

    // The built-in rules; with `userFile`, its rules first. Throws ImportError naming the file and
    // the JSON path of a bad rule.
    static StageRules load(const QString& userFile = {});
    // Rules from JSON text (for tests and the user file). `origin` names the source in errors.
    static StageRules fromJson(const QByteArray& json, const QString& origin);

    // The stage of a job: GitLab's own stage name first (`ciStage`), then the job's name.
    QString jobStage(const QString& name, const QString& ciStage = {}) const;
    // The stage of a step: its own name when a rule matches, else its job's stage.
    QString stepStage(const QString& name, const QString& jobStage) const;
    // The first matching rule's stage, or an empty string.
    QString match(const QString& name) const;

private:
    struct Rule
    {
        QString stage;
        QRegularExpression pattern;
    };
    std::vector<Rule> m_rules;
    // Names repeat across runs (the same jobs and steps every run), so each is matched once.
    mutable QHash<QString, QString> m_matched;
};

} // namespace faultline::importers::ci
