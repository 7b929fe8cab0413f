#include "bulk_writer.h"

#include "store_error.h"
#include "utf8.h"

#include <sqlite3.h>

#include <algorithm>

namespace faultline::store {

namespace {
// Measured in bench/store_insert_bench: gains flatten out past ~64 rows per statement, and SQLite
// caps one statement at 32766 bound parameters.
constexpr int kDefaultRowsPerStatement = 64;
constexpr int kMaxParameters = 32766;
} // namespace

BulkWriter::BulkWriter(SqliteDatabase& db, Spec spec, int rowsPerStatement)
    : m_db(db)
    , m_spec(std::move(spec))
{
    if (m_spec.columns.empty())
        throw StoreError("BulkWriter for " + m_spec.table + " has no columns");
    const int cap = std::max(1, kMaxParameters / int(m_spec.columns.size()));
    m_rowsPerStatement = std::clamp(rowsPerStatement > 0 ? rowsPerStatement : kDefaultRowsPerStatement, 1, cap);
    m_single = m_db.prepare(insertSql(1));
    if (m_rowsPerStatement > 1)
        m_multi = m_db.prepare(insertSql(m_rowsPerStatement));
    m_cells.reserve(size_t(m_rowsPerStatement) * m_spec.columns.size());
}

std::string BulkWriter::insertSql(int rows) const
{
    std::string sql = "INSERT INTO " + m_spec.table + " (";
    for (size_t c = 0; c < m_spec.columns.size(); ++c) {
        if (c)
            sql += ", ";
        sql += m_spec.columns[c];
    }
    sql += ") VALUES ";
    std::string tuple = "(";
    for (size_t c = 0; c < m_spec.columns.size(); ++c)
        tuple += c ? ",?" : "?";
    tuple += ")";
    for (int r = 0; r < rows; ++r) {
        if (r)
            sql += ",";
        sql += tuple;
    }
    sql += " " + m_spec.onConflict;
    return sql;
}

void BulkWriter::push(Cell cell)
{
    if (m_cells.size() - m_rowCellStart >= m_spec.columns.size())
        throw StoreError("BulkWriter for " + m_spec.table + ": more values than columns in one row");
    m_cells.push_back(cell);
}

BulkWriter& BulkWriter::null()
{
    push(Cell {});
    return *this;
}

BulkWriter& BulkWriter::value(std::int64_t v)
{
    push(Cell { Cell::Type::Int, v, 0, 0, 0 });
    return *this;
}

BulkWriter& BulkWriter::value(double v)
{
    push(Cell { Cell::Type::Real, 0, v, 0, 0 });
    return *this;
}

BulkWriter& BulkWriter::value(std::string_view text)
{
    const std::string_view utf8 = validUtf8(text, m_repaired);
    Cell cell { Cell::Type::Text, 0, 0, std::uint32_t(m_arena.size()), std::uint32_t(utf8.size()) };
    m_arena.append(utf8);
    push(cell);
    return *this;
}

BulkWriter& BulkWriter::value(const QString& text)
{
    if (text.isNull())
        return null();
    const QByteArray bytes = text.toUtf8();
    return value(std::string_view(bytes.constData(), size_t(bytes.size())));
}

void BulkWriter::endRow()
{
    if (m_cells.size() - m_rowCellStart != m_spec.columns.size()) {
        throw StoreError("BulkWriter for " + m_spec.table + ": row has " + std::to_string(m_cells.size() - m_rowCellStart)
            + " values, expected " + std::to_string(m_spec.columns.size()));
    }
    m_rowCellStart = m_cells.size();
    if (rowsPending() >= m_rowsPerStatement)
        flush();
}

void BulkWriter::bindRows(SqliteStatement& stmt, size_t firstCell, int rows)
{
    // The arena outlives the step, so text is bound without a copy.
    const size_t count = size_t(rows) * m_spec.columns.size();
    for (size_t k = 0; k < count; ++k) {
        const Cell& cell = m_cells[firstCell + k];
        const int index = int(k) + 1;
        switch (cell.type) {
        case Cell::Type::Null:
            stmt.bindNull(index);
            break;
        case Cell::Type::Int:
            stmt.bind(index, cell.i);
            break;
        case Cell::Type::Real:
            stmt.bind(index, cell.d);
            break;
        case Cell::Type::Text:
            stmt.bindStatic(index, std::string_view(m_arena.data() + cell.offset, cell.length));
            break;
        }
    }
    const auto before = m_db.totalChanges();
    stmt.exec();
    m_rowsWritten += m_db.totalChanges() - before;
}

void BulkWriter::flush()
{
    if (m_rowCellStart != m_cells.size())
        throw StoreError("BulkWriter for " + m_spec.table + ": flush with an unfinished row");
    const size_t columns = m_spec.columns.size();
    const int rows = int(m_cells.size() / columns);
    int done = 0;
    for (; m_rowsPerStatement > 1 && rows - done >= m_rowsPerStatement; done += m_rowsPerStatement)
        bindRows(m_multi, size_t(done) * columns, m_rowsPerStatement);
    for (; done < rows; ++done)
        bindRows(m_single, size_t(done) * columns, 1);
    m_cells.clear();
    m_arena.clear();
    m_rowCellStart = 0;
}

} // namespace faultline::store
