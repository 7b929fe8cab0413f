#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace faultline::models {

// Stable stand-ins for people's names when a screen is shared outside the team ("Person 1", …).
// The numbering follows the sorted set of names (case-insensitive, then exact), with no salt and no
// randomness: the same names give the same aliases in every view and export of the session and
// across runs. A name that was not given maps to "Someone else"; the empty name stays empty.
class PeopleAliases
{
public:
    PeopleAliases() = default;
    explicit PeopleAliases(const QStringList& names);

    QString alias(const QString& name) const;
    int size() const { return int(m_aliases.size()); }

private:
    QHash<QString, QString> m_aliases;
};

} // namespace faultline::models
