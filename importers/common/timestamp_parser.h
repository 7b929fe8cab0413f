#pragma once

#include <QString>
#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace faultline::importers {

// A value in an input file that cannot be read as what its field requires. The message names the
// field and the value; importers add the file and line or JSON path when they report it.
class ValueError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// The one timestamp parser every importer uses (FORMATS.md §0). Accepts:
//  - ISO 8601 / RFC 3339 with 'T' or a space, 0–9 fraction digits ('.' or ','), and a zone of
//    Z, UTC, GMT, ±HH:MM, ±HHMM or ±HH; Go's time.String() tail (`+0000 UTC`, `m=+0.1`) is tolerated;
//  - epoch seconds (optionally with a fraction) and epoch milliseconds (told apart by magnitude);
//  - ANSIC (`Fri Sep  2 22:04:05 1977`, helm's table) and Jira's CSV style (`15/Dec/11 3:35 PM`).
// Values without a zone are taken in the configured zone (UTC unless set). The result is UTC epoch
// milliseconds; sub-millisecond digits are truncated. Calendar values are validated (no 31 April,
// no hour 25) and must fall in a plausible range (1970–2199) so a garbled field is an error, not a date.
class TimestampParser
{
public:
    explicit TimestampParser(QTimeZone zoneForNaiveValues = QTimeZone::utc());

    std::optional<std::int64_t> parse(std::string_view text) const;
    std::optional<std::int64_t> parse(const QString& text) const;
    std::optional<std::int64_t> parse(const char* text) const { return parse(std::string_view(text)); }
    // As parse(), but an unparseable value throws ValueError naming the field.
    std::int64_t parseOrThrow(std::string_view text, std::string_view field) const;
    std::int64_t parseOrThrow(const QString& text, std::string_view field) const;

    const QTimeZone& zoneForNaiveValues() const { return m_naiveZone; }

    static constexpr int kMinYear = 1970;
    static constexpr int kMaxYear = 2199;

private:
    std::optional<std::int64_t> fromCivil(int year, int month, int day, int hour, int minute, int second,
        int millis, std::optional<int> offsetSeconds) const;

    QTimeZone m_naiveZone;
    bool m_naiveIsUtc;
};

// Durations written as decimal seconds ("6.435", "0.000", a locale comma "6,435", "1e-3").
// Returns milliseconds (rounded); nullopt for anything else, including negative values.
std::optional<std::int64_t> parseSecondsToMs(std::string_view text);

// Formats UTC epoch milliseconds as ISO 8601 with a Z (`2024-01-02T03:04:05.678Z`, no fraction when 0).
QString formatUtc(std::int64_t epochMs);

} // namespace faultline::importers
