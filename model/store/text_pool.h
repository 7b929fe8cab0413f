#pragma once

#include <QString>

#include <string>
#include <string_view>
#include <unordered_map>

namespace faultline::store {

// Metric loads read the same few texts (stage names, statuses, environments, file paths) hundreds of
// thousands of times. The pool hands out one shared QString per distinct value, so a million rows cost
// a hash lookup each instead of a UTF-8 decode and an allocation each.
class TextPool
{
public:
    // The shared QString for these UTF-8 bytes; empty bytes give a null QString, as a NULL column does
    // through SqliteStatement::text().
    const QString& get(std::string_view utf8)
    {
        if (utf8.empty())
            return m_empty;
        auto it = m_texts.find(utf8);
        if (it == m_texts.end())
            it = m_texts.emplace(std::string(utf8), QString::fromUtf8(utf8.data(), qsizetype(utf8.size())))
                     .first;
        return it->second;
    }

private:
    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    struct Equal
    {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const { return a == b; }
    };

    std::unordered_map<std::string, QString, Hash, Equal> m_texts;
    QString m_empty;
};

} // namespace faultline::store
