#include "timestamp_parser.h"

#include <QDateTime>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace faultline::importers {

namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
constexpr std::int64_t daysFromCivil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return std::int64_t(era) * 146097 + std::int64_t(doe) - 719468;
}

constexpr bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr int daysInMonth(int y, int m)
{
    constexpr std::array<int, 12> days { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && isLeap(y) ? 29 : days[size_t(m - 1)];
}

// A tiny cursor over the input; every reader returns false without consuming on mismatch.
struct Cursor
{
    std::string_view s;
    size_t i = 0;

    bool atEnd() const { return i >= s.size(); }
    char peek(size_t ahead = 0) const { return i + ahead < s.size() ? s[i + ahead] : '\0'; }
    bool eat(char c)
    {
        if (peek() != c)
            return false;
        ++i;
        return true;
    }
    bool eatNoCase(std::string_view word)
    {
        if (s.size() - i < word.size())
            return false;
        for (size_t k = 0; k < word.size(); ++k) {
            if (std::tolower(static_cast<unsigned char>(s[i + k])) != std::tolower(static_cast<unsigned char>(word[k])))
                return false;
        }
        i += word.size();
        return true;
    }
    // Exactly n digits.
    bool digits(int n, int& out)
    {
        int v = 0;
        for (int k = 0; k < n; ++k) {
            const char c = peek(size_t(k));
            if (c < '0' || c > '9')
                return false;
            v = v * 10 + (c - '0');
        }
        i += size_t(n);
        out = v;
        return true;
    }
    // Between min and max digits, greedy.
    bool digitsRange(int min, int max, int& out)
    {
        int n = 0;
        while (n < max && std::isdigit(static_cast<unsigned char>(peek(size_t(n)))))
            ++n;
        if (n < min)
            return false;
        return digits(n, out);
    }
    void skipSpaces()
    {
        while (peek() == ' ')
            ++i;
    }
};

constexpr std::array<std::string_view, 12> kMonths { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
    "oct", "nov", "dec" };
constexpr std::array<std::string_view, 7> kWeekdays { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

bool readMonthName(Cursor& c, int& month)
{
    for (size_t m = 0; m < kMonths.size(); ++m) {
        if (c.eatNoCase(kMonths[m])) {
            month = int(m) + 1;
            return true;
        }
    }
    return false;
}

// Fraction digits after '.' or ','; returns milliseconds, truncating digits past the third.
bool readFraction(Cursor& c, int& millis)
{
    if (c.peek() != '.' && c.peek() != ',')
        return true;
    ++c.i;
    int n = 0;
    int ms = 0;
    while (std::isdigit(static_cast<unsigned char>(c.peek()))) {
        if (n < 3)
            ms = ms * 10 + (c.peek() - '0');
        ++n;
        ++c.i;
    }
    if (n == 0 || n > 9)
        return false;
    for (int k = n; k < 3; ++k)
        ms *= 10;
    millis = ms;
    return true;
}

// Zone designator: Z, UTC, GMT, ±HH:MM, ±HHMM, ±HH. Absent → nullopt offset, still success.
// numeric tells whether it was an offset, after which Go may append a zone name.
bool readZone(Cursor& c, std::optional<int>& offsetSeconds, bool& numeric)
{
    numeric = false;
    const size_t start = c.i;
    c.skipSpaces();
    if (c.eat('Z') || c.eat('z') || c.eatNoCase("UTC") || c.eatNoCase("GMT")) {
        offsetSeconds = 0;
        // "UTC+02:00" style is not used by any source we read; a bare designator ends the zone.
        return true;
    }
    const char sign = c.peek();
    if (sign != '+' && sign != '-') {
        c.i = start;
        return true;
    }
    ++c.i;
    int hh = 0;
    int mm = 0;
    if (!c.digits(2, hh))
        return false;
    if (c.eat(':')) {
        if (!c.digits(2, mm))
            return false;
    } else {
        int tmp = 0;
        if (c.digits(2, tmp))
            mm = tmp;
    }
    if (hh > 18 || mm > 59)
        return false;
    offsetSeconds = (sign == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
    numeric = true;
    return true;
}

// What Go's time.Time.String() appends after the numeric offset: a zone abbreviation and
// optionally the monotonic clock reading ("+0000 UTC m=+0.000123").
void skipGoTail(Cursor& c)
{
    Cursor probe = c;
    probe.skipSpaces();
    size_t n = 0;
    while (std::isupper(static_cast<unsigned char>(probe.peek(n))))
        ++n;
    if (n >= 2 && n <= 5) {
        probe.i += n;
        c = probe;
    }
    probe = c;
    probe.skipSpaces();
    if (probe.eat('m') && probe.eat('=') && (probe.eat('+') || probe.eat('-'))) {
        while (std::isdigit(static_cast<unsigned char>(probe.peek())) || probe.peek() == '.')
            ++probe.i;
        c = probe;
    }
}

std::string_view trim(std::string_view s)
{
    // A UTF-8 byte order mark may lead the first timestamp of a GitHub log.
    if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF")
        s.remove_prefix(3);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = s.substr(1, s.size() - 2);
    return s;
}

std::string quoted(std::string_view text)
{
    std::string out(text.substr(0, 80));
    if (text.size() > 80)
        out += "…";
    return "'" + out + "'";
}

} // namespace

TimestampParser::TimestampParser(QTimeZone zoneForNaiveValues)
    : m_naiveZone(zoneForNaiveValues.isValid() ? std::move(zoneForNaiveValues) : QTimeZone::utc())
    , m_naiveIsUtc(m_naiveZone == QTimeZone::utc() || m_naiveZone.id() == "UTC")
{
}

std::optional<std::int64_t> TimestampParser::fromCivil(int year, int month, int day, int hour, int minute, int second,
    int millis, std::optional<int> offsetSeconds) const
{
    if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    // 24:00:00 is ISO's end of day; a leap second (:60) is accepted and lands on the next second.
    if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute || second || millis)))
        return std::nullopt;
    const std::int64_t localMs = daysFromCivil(year, unsigned(month), unsigned(day)) * kMsPerDay
        + ((std::int64_t(hour) * 60 + minute) * 60 + second) * 1000 + millis;
    if (offsetSeconds)
        return localMs - std::int64_t(*offsetSeconds) * 1000;
    if (m_naiveIsUtc)
        return localMs;
    // Zone rules (DST) need Qt; only zone-less values (JUnit, helm table, Jira CSV) come this way.
    const QDateTime local(QDate(year, month, day), QTime(0, 0), m_naiveZone);
    if (!local.isValid())
        return std::nullopt;
    return local.addMSecs((std::int64_t(hour) * 3600 + minute * 60 + second) * 1000 + millis).toMSecsSinceEpoch();
}

std::optional<std::int64_t> TimestampParser::parse(const QString& text) const
{
    const QByteArray utf8 = text.toUtf8();
    return parse(std::string_view(utf8.constData(), size_t(utf8.size())));
}

std::optional<std::int64_t> TimestampParser::parse(std::string_view raw) const
{
    const std::string_view text = trim(raw);
    if (text.empty() || text.size() > 64)
        return std::nullopt;

    // Epoch numbers: all digits, optional fraction. Seconds below 1e11 (year 5138), else milliseconds.
    {
        Cursor c { text };
        size_t n = 0;
        while (std::isdigit(static_cast<unsigned char>(c.peek(n))))
            ++n;
        if (n > 0 && (n == text.size() || text[n] == '.')) {
            if (n > 16)
                return std::nullopt;
            std::int64_t whole = 0;
            std::from_chars(text.data(), text.data() + n, whole);
            int fractionMs = 0;
            c.i = n;
            if (!readFraction(c, fractionMs) || !c.atEnd())
                return std::nullopt;
            const bool millis = whole >= 100'000'000'000LL;
            if (millis && n < text.size())
                return std::nullopt; // fractional milliseconds are not a format any source writes
            const std::int64_t ms = millis ? whole : whole * 1000 + fractionMs;
            const std::int64_t minMs = daysFromCivil(kMinYear, 1, 1) * kMsPerDay;
            const std::int64_t maxMs = daysFromCivil(kMaxYear + 1, 1, 1) * kMsPerDay;
            if (ms < minMs || ms >= maxMs)
                return std::nullopt;
            return ms;
        }
    }

    // ISO 8601 and relatives: YYYY-MM-DD[(T| )HH:MM[:SS[.f]]][zone]
    {
        Cursor c { text };
        int y = 0, mo = 0, d = 0;
        if (c.digits(4, y) && c.eat('-') && c.digits(2, mo) && c.eat('-') && c.digits(2, d)) {
            int h = 0, mi = 0, s = 0, ms = 0;
            std::optional<int> offset;
            if (!c.atEnd()) {
                if (!(c.eat('T') || c.eat('t') || c.eat(' ')))
                    return std::nullopt;
                c.skipSpaces();
                if (!c.digits(2, h) || !c.eat(':') || !c.digits(2, mi))
                    return std::nullopt;
                if (c.eat(':')) {
                    if (!c.digits(2, s) || !readFraction(c, ms))
                        return std::nullopt;
                }
                bool numericZone = false;
                if (!readZone(c, offset, numericZone))
                    return std::nullopt;
                if (numericZone)
                    skipGoTail(c);
                c.skipSpaces();
                if (!c.atEnd())
                    return std::nullopt;
            }
            return fromCivil(y, mo, d, h, mi, s, ms, offset);
        }
    }

    // ANSIC: "Mon Jan _2 15:04:05 2006" (helm history table); zone-less.
    {
        Cursor c { text };
        bool weekday = false;
        for (auto name : kWeekdays) {
            if (c.eatNoCase(name)) {
                weekday = true;
                break;
            }
        }
        if (weekday && c.peek() == ' ') {
            c.skipSpaces();
            int mo = 0, d = 0, h = 0, mi = 0, s = 0, y = 0;
            if (!readMonthName(c, mo) || c.peek() != ' ')
                return std::nullopt;
            c.skipSpaces();
            if (!c.digitsRange(1, 2, d) || c.peek() != ' ')
                return std::nullopt;
            c.skipSpaces();
            if (!c.digits(2, h) || !c.eat(':') || !c.digits(2, mi) || !c.eat(':') || !c.digits(2, s))
                return std::nullopt;
            int ms = 0;
            if (!readFraction(c, ms) || c.peek() != ' ')
                return std::nullopt;
            c.skipSpaces();
            if (!c.digits(4, y) || !c.atEnd())
                return std::nullopt;
            return fromCivil(y, mo, d, h, mi, s, ms, std::nullopt);
        }
    }

    // Jira CSV: "15/Dec/11 3:35 PM" (two- or four-digit year); zone-less.
    {
        Cursor c { text };
        int d = 0, mo = 0, y = 0, h = 0, mi = 0;
        if (c.digitsRange(1, 2, d) && c.eat('/') && readMonthName(c, mo) && c.eat('/')) {
            const size_t yearStart = c.i;
            if (!c.digitsRange(2, 4, y) || (c.i - yearStart != 2 && c.i - yearStart != 4) || c.peek() != ' ')
                return std::nullopt;
            if (c.i - yearStart == 2)
                y += y < 70 ? 2000 : 1900;
            c.skipSpaces();
            if (!c.digitsRange(1, 2, h) || !c.eat(':') || !c.digits(2, mi))
                return std::nullopt;
            c.skipSpaces();
            if (c.eatNoCase("AM") || c.eatNoCase("PM")) {
                const bool pm = std::toupper(static_cast<unsigned char>(c.s[c.i - 2])) == 'P';
                if (h < 1 || h > 12)
                    return std::nullopt;
                h = (h % 12) + (pm ? 12 : 0);
            }
            if (!c.atEnd())
                return std::nullopt;
            return fromCivil(y, mo, d, h, mi, 0, 0, std::nullopt);
        }
    }
    return std::nullopt;
}

std::int64_t TimestampParser::parseOrThrow(std::string_view text, std::string_view field) const
{
    if (auto ms = parse(text))
        return *ms;
    throw ValueError("field '" + std::string(field) + "': expected a timestamp (ISO 8601 with an optional zone, "
        + "or epoch seconds/milliseconds, years " + std::to_string(kMinYear) + "–" + std::to_string(kMaxYear)
        + "), got " + quoted(text));
}

std::int64_t TimestampParser::parseOrThrow(const QString& text, std::string_view field) const
{
    const QByteArray utf8 = text.toUtf8();
    return parseOrThrow(std::string_view(utf8.constData(), size_t(utf8.size())), field);
}

std::optional<std::int64_t> parseSecondsToMs(std::string_view raw)
{
    std::string text(trim(raw));
    if (text.empty() || text.size() > 32)
        return std::nullopt;
    // Old JUnit writers used the host locale's decimal comma; thousands separators never appear.
    for (char& ch : text) {
        if (ch == ',')
            ch = '.';
    }
    // from_chars, unlike strtod, ignores the process locale (Qt sets it from the environment).
    double seconds = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(seconds) || seconds < 0 || seconds > 1e9)
        return std::nullopt;
    return std::int64_t(std::llround(seconds * 1000.0));
}

QString formatUtc(std::int64_t epochMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(epochMs, QTimeZone::utc());
    return t.toString(epochMs % 1000 ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ") : QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

} // namespace faultline::importers
