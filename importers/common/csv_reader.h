#pragma once

#include <QFile>
#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

struct csv_parser;

namespace faultline::importers {

// Reads an RFC 4180 CSV file row by row in constant memory (libcsv in strict mode, fed one physical
// line at a time so that every row knows the line it starts on). The first row is the header. A
// UTF-8 BOM is skipped; UTF-16, invalid UTF-8 and malformed quoting throw ImportError naming the
// file and line.
class CsvReader
{
public:
    explicit CsvReader(const QString& path);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    const QStringList& header() const { return m_header; }
    // The next data row (fields as written, quotes removed); nullopt at the end of the file.
    std::optional<QStringList> next();
    // 1-based line on which the row last returned by next() starts.
    qint64 line() const { return m_rowLine; }
    const QString& path() const { return m_path; }
    std::int64_t bytesRead() const { return m_bytesRead; }
    std::int64_t size() const { return m_size; }

    // "<file>:<line>: <message>" as an ImportError.
    [[noreturn]] void fail(qint64 line, const QString& message) const;

    // True when `head` (the first bytes of a file) looks like a CSV header: one text line with at
    // least two comma-separated names and no JSON or XML opening.
    static bool looksLikeCsv(const QByteArray& head);

private:
    struct Row
    {
        QStringList fields;
        qint64 line = 0;
    };
    static void onField(void* data, size_t size, void* self);
    static void onRow(int terminator, void* self);
    bool feedLine(); // false at the end of the file
    void throwFieldError() const;

    QString m_path;
    QFile m_file;
    std::unique_ptr<csv_parser> m_parser;
    QStringList m_header;
    std::deque<Row> m_rows;
    QStringList m_fields; // of the row being parsed
    qint64 m_lineNumber = 0; // of the last line fed
    qint64 m_rowStart = 0; // line where the row being parsed starts (0: not started)
    qint64 m_rowLine = 0;
    std::int64_t m_bytesRead = 0;
    std::int64_t m_size = 0;
    bool m_eof = false;
    QString m_fieldError; // found by a libcsv callback, thrown after the parser returns
    qint64 m_errorLine = 0;
};

// Header-driven access to the columns of a CSV file: each wanted column has a canonical name and
// aliases (compared case-insensitively, spaces and dashes read as underscores), column order is
// free and unknown columns are ignored. A missing required column is an ImportError naming it.
class CsvColumns
{
public:
    struct Column
    {
        QString name; // canonical
        QStringList aliases;
        bool required = false;
    };
    CsvColumns(const CsvReader& reader, const std::vector<Column>& columns);

    bool has(const QString& name) const;
    // The trimmed value of a column in `row`; empty when the column is absent, the row is short,
    // or the value is NULL (DevLake's CSV writes NULL for empty).
    QString value(const QStringList& row, const QString& name) const;
    // The header name a canonical column was found under (for messages).
    QString headerName(const QString& name) const;

    static QString normalizeHeader(const QString& name);

private:
    QHash<QString, int> m_index;
    QHash<QString, QString> m_headerNames;
};

} // namespace faultline::importers
