#include "csv_writer.h"

#include <QFileDevice>
#include <QIODevice>

#include <cmath>
#include <cstdio>
#include <cstring>

namespace faultline::exporting {

namespace {

// Large enough that a write system call carries many rows, small enough that a million-row export
// never holds more than this in memory.
constexpr qsizetype kBlockSize = 64 * 1024;

bool isInjectionByte(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// Checked on the UTF-8 bytes with memchr: these ASCII bytes never occur inside a multi-byte sequence,
// and an export of a million rows asks this of every text cell.
bool needsQuotes(const QByteArray& utf8)
{
    if (utf8.front() == ' ' || utf8.back() == ' ')
        return true; // a CSV reader may trim unquoted spaces
    const auto size = size_t(utf8.size());
    for (const char special : { ',', '"', '\r', '\n' }) {
        if (std::memchr(utf8.constData(), special, size))
            return true;
    }
    return false;
}

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days): formatting by
// hand, as QDateTime::toString() with a format costs more than the rest of a commit row.
void civilFromDays(std::int64_t days, std::int64_t& year, int& month, int& day)
{
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t dayOfEra = days - era * 146097;
    const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const std::int64_t mp = (5 * dayOfYear + 2) / 153;
    day = int(dayOfYear - (153 * mp + 2) / 5 + 1);
    month = int(mp < 10 ? mp + 3 : mp - 9);
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
}

QByteArray timestampBytes(std::int64_t epochMs)
{
    constexpr std::int64_t kDayMs = 86400000;
    std::int64_t days = epochMs / kDayMs;
    std::int64_t msOfDay = epochMs % kDayMs;
    if (msOfDay < 0) {
        msOfDay += kDayMs;
        --days;
    }
    std::int64_t year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(days, year, month, day);
    const int seconds = int(msOfDay / 1000);
    const int ms = int(msOfDay % 1000);
    char text[40];
    const int n = ms == 0
        ? std::snprintf(text, sizeof text, "%04lld-%02d-%02dT%02d:%02d:%02dZ", static_cast<long long>(year),
                        month, day, seconds / 3600, seconds / 60 % 60, seconds % 60)
        : std::snprintf(text, sizeof text, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ",
                        static_cast<long long>(year), month, day, seconds / 3600, seconds / 60 % 60,
                        seconds % 60, ms);
    return QByteArray(text, n);
}

} // namespace

CsvWriter::CsvWriter(QIODevice& device)
    : m_device(device)
{
    m_buffer.reserve(kBlockSize + 1024);
}

CsvWriter::~CsvWriter() = default;

bool CsvWriter::isInjectionRisk(const QString& value)
{
    return !value.isEmpty() && value.front().unicode() < 0x80
        && isInjectionByte(char(value.front().unicode()));
}

QByteArray CsvWriter::escapedText(const QString& value)
{
    QByteArray utf8 = value.toUtf8();
    if (utf8.isEmpty())
        return utf8;
    const bool risky = isInjectionByte(utf8.front());
    if (!risky && !needsQuotes(utf8))
        return utf8;
    utf8.replace('"', "\"\"");
    QByteArray out;
    out.reserve(utf8.size() + 3);
    out += '"';
    if (risky)
        out += '\'';
    out += utf8;
    out += '"';
    return out;
}

QByteArray CsvWriter::numberText(double value)
{
    if (!std::isfinite(value))
        return {};
    const double rounded = std::round(value * 1e6) / 1e6;
    // 'f' never switches to exponent form; trailing zeros carry no information.
    QByteArray text = QByteArray::number(rounded, 'f', 6);
    while (text.endsWith('0'))
        text.chop(1);
    if (text.endsWith('.'))
        text.chop(1);
    if (text == "-0")
        text = "0";
    return text;
}

QString CsvWriter::timestampText(std::int64_t epochMs)
{
    return QString::fromLatin1(timestampBytes(epochMs));
}

void CsvWriter::writeHeader(const QStringList& names)
{
    for (const QString& name : names)
        unfilteredText(name);
    endRow();
}

void CsvWriter::separate()
{
    if (m_rowStarted)
        m_buffer += ',';
    m_rowStarted = true;
}

void CsvWriter::append(const QByteArray& bytes)
{
    separate();
    m_buffer += bytes;
}

CsvWriter& CsvWriter::text(const QString& value)
{
    append(escapedText(m_filter && !value.isEmpty() ? m_filter(value) : value));
    return *this;
}

CsvWriter& CsvWriter::unfilteredText(const QString& value)
{
    append(escapedText(value));
    return *this;
}

CsvWriter& CsvWriter::integer(std::int64_t value)
{
    append(QByteArray::number(qlonglong(value)));
    return *this;
}

CsvWriter& CsvWriter::number(double value)
{
    append(numberText(value));
    return *this;
}

CsvWriter& CsvWriter::timestamp(std::int64_t epochMs)
{
    append(timestampBytes(epochMs));
    return *this;
}

CsvWriter& CsvWriter::durationMs(std::int64_t milliseconds)
{
    append(numberText(double(milliseconds) / 1000.0));
    return *this;
}

CsvWriter& CsvWriter::null()
{
    separate();
    return *this;
}

void CsvWriter::endRow()
{
    m_buffer += "\r\n";
    m_rowStarted = false;
    ++m_rows;
    if (m_buffer.size() >= kBlockSize)
        writeBlock();
}

void CsvWriter::writeBlock()
{
    qsizetype done = 0;
    while (done < m_buffer.size()) {
        const qint64 written = m_device.write(m_buffer.constData() + done, m_buffer.size() - done);
        if (written <= 0)
            throw CsvWriteError(m_device.errorString().toStdString());
        done += qsizetype(written);
    }
    m_buffer.clear();
}

void CsvWriter::finish()
{
    if (m_rowStarted)
        endRow();
    writeBlock();
    // QFile buffers too: its flush is where a full disk or a closed descriptor shows.
    if (auto* file = qobject_cast<QFileDevice*>(&m_device)) {
        if (!file->flush() || file->error() != QFileDevice::NoError)
            throw CsvWriteError(file->errorString().toStdString());
    }
}

} // namespace faultline::exporting
