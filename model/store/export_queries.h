#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

namespace faultline::store {

class SqliteDatabase;
class SqliteStatement;

// The raw tables `faultline export` writes, row by row, straight from the workspace: one ordered
// query per table, streamed through a callback so that a workspace of millions of commits is never
// held in memory.
enum class ExportTable
{
    Commits,
    Deployments,
    Incidents,
    Runs,
    Jobs,
    Tests,
    PullRequests
};

// How a column's value is stored, so the writer can type its cell.
enum class ExportKind
{
    Text,
    Integer,
    Real,
    Flag, // 0/1
    Time, // UTC epoch ms
    DurationMs,
    Person, // a person's name: replaced by an alias when anonymising
    Email, // a person's email: the alias of the person named in `personColumn` when anonymising
};

struct ExportColumn
{
    const char* name; // snake_case, stable: the CSV header and the README's column list
    ExportKind kind;
    int personColumn = -1; // Email: the column holding the name of the same person
};

// The rows a table export keeps. The period applies to each table's time column (exportTimeColumn);
// services to the tables that have a service (deployments, incidents); the AI segment to commits.
struct ExportFilter
{
    enum class Segment
    {
        All,
        Ai,
        NotAi
    };

    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
    QStringList services; // empty: all
    Segment segment = Segment::All;
    // A commit is AI-assisted when ai_share >= aiThreshold, or with anyAi when ai_share > 0
    // (metrics::isAiAssisted).
    double aiThreshold = 0.5;
    bool anyAi = false;
};

// The current row of an export query, column indexes as in exportColumns(). Valid only inside the
// callback.
class ExportRow
{
public:
    explicit ExportRow(const SqliteStatement& statement)
        : m_statement(statement)
    { }
    bool isNull(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    QString text(int column) const;

private:
    const SqliteStatement& m_statement;
};

std::span<const ExportColumn> exportColumns(ExportTable table);
// What the period filters on, in words (help text and README).
QString exportTimeColumn(ExportTable table);
bool exportHasService(ExportTable table);

// Calls `onRow` for every row of `table` that `filter` keeps, in a stable order (the time column,
// then the row id); returns the number of rows. An exception thrown by `onRow` stops the query.
std::int64_t exportRows(const SqliteDatabase& db, ExportTable table, const ExportFilter& filter,
                        const std::function<void(const ExportRow&)>& onRow);

// Every person's name the workspace holds (commit authors and committers, PR authors, mergers,
// reviewers and commit authors, deployment creators), distinct: the set anonymised exports alias
// over, so that one person gets one alias in every dataset.
QStringList exportPeopleNames(const SqliteDatabase& db);

// Every (email, name) pair the workspace holds (commit authors and committers, PR commit authors),
// distinct: anonymised exports replace an address found in free text by its person's alias.
std::vector<std::pair<QString, QString>> exportPeopleEmails(const SqliteDatabase& db);

} // namespace faultline::store
