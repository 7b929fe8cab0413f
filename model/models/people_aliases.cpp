#include "people_aliases.h"

#include <QObject>

#include <algorithm>

namespace faultline::models {

PeopleAliases::PeopleAliases(const QStringList& names)
{
    QStringList sorted;
    for (const QString& name : names) {
        if (!name.isEmpty() && !sorted.contains(name))
            sorted << name;
    }
    // Case-insensitive first so "alice" and "Bob" sort the way people read them; exact order breaks
    // ties so the result never depends on the input order.
    std::sort(sorted.begin(), sorted.end(), [](const QString& a, const QString& b) {
        const int folded = a.compare(b, Qt::CaseInsensitive);
        return folded != 0 ? folded < 0 : a < b;
    });
    for (int i = 0; i < sorted.size(); ++i)
        m_aliases.insert(sorted.at(i), QObject::tr("Person %1").arg(i + 1));
}

QString PeopleAliases::alias(const QString& name) const
{
    if (name.isEmpty())
        return {};
    return m_aliases.value(name, QObject::tr("Someone else"));
}

} // namespace faultline::models
