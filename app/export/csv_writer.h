#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <utility>

class QIODevice;

namespace faultline::exporting {

// A write that did not reach the device (disk full, closed stdout, …). The message names the
// device's error; the caller adds the file name.
class CsvWriteError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Writes RFC 4180 CSV to a device: UTF-8 without BOM, CRLF line ends (RFC 4180's, the one every
// spreadsheet and CSV library reads whatever the platform), the header row first. Cells are typed so
// that a number never becomes text and text never becomes a formula:
// - integers and finite doubles are written bare, '.' decimal, doubles rounded to 6 decimals and
//   never in exponent form; a non-finite double is an empty field;
// - null is an empty field;
// - text is quoted when it holds ',', '"', CR or LF or starts or ends with a space (quotes doubled);
//   text starting with '=', '+', '-', '@', tab or CR (OWASP CSV injection) gets a leading "'" and is
//   quoted, so Excel, LibreOffice and Google Sheets show it as text instead of evaluating it;
// - a timestamp (UTC epoch ms) is ISO-8601 UTC, "2026-05-04T09:12:33Z" (".123" only when the
//   milliseconds are not zero);
// - a duration is written in seconds.
// Output is buffered and written in blocks; any failed write throws CsvWriteError, and finish() must
// be called to write the last block and flush the device.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice& device);
    ~CsvWriter();
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    // One header row of column names (written as text, injection-safe like any text, never filtered).
    void writeHeader(const QStringList& names);

    // A rewrite every text cell goes through before it is escaped (anonymising free text); none by
    // default.
    void setTextFilter(std::function<QString(const QString&)> filter) { m_filter = std::move(filter); }

    CsvWriter& text(const QString& value);
    // Text that is final as it is (an alias the filter must not rewrite again).
    CsvWriter& unfilteredText(const QString& value);
    CsvWriter& integer(std::int64_t value);
    CsvWriter& integer(const std::optional<std::int64_t>& value) { return value ? integer(*value) : null(); }
    CsvWriter& number(double value);
    CsvWriter& number(const std::optional<double>& value) { return value ? number(*value) : null(); }
    CsvWriter& timestamp(std::int64_t epochMs);
    CsvWriter& timestamp(const std::optional<std::int64_t>& epochMs)
    {
        return epochMs ? timestamp(*epochMs) : null();
    }
    CsvWriter& durationMs(std::int64_t milliseconds);
    CsvWriter& durationMs(const std::optional<std::int64_t>& ms) { return ms ? durationMs(*ms) : null(); }
    CsvWriter& null();
    // Ends the current row (an empty row still gets its line end).
    void endRow();

    // Writes what is buffered and flushes the device; throws CsvWriteError when that fails.
    void finish();

    std::int64_t rowsWritten() const { return m_rows; }

    // The cell texts the writer produces, for callers that need one without a device.
    static QByteArray numberText(double value);
    static QString timestampText(std::int64_t epochMs);
    static QByteArray escapedText(const QString& value);
    // True when a spreadsheet would read `value` as a formula (or a DDE command).
    static bool isInjectionRisk(const QString& value);

private:
    void separate();
    void append(const QByteArray& bytes);
    void writeBlock();

    QIODevice& m_device;
    std::function<QString(const QString&)> m_filter;
    QByteArray m_buffer;
    bool m_rowStarted = false;
    std::int64_t m_rows = 0;
};

} // namespace faultline::exporting
