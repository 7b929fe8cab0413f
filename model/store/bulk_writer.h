#pragma once

#include "sqlite_database.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::store {

// Buffers rows for one table and writes them with prepared multi-row INSERTs
// (INSERT … VALUES (…),(…),… ON CONFLICT …). Re-binding a statement of R rows costs far less than
// R single-row steps, which is what makes bulk imports fast. Rows are only written by flush(); a
// writer destroyed without flushing writes nothing (the enclosing transaction decides).
class BulkWriter
{
public:
    struct Spec
    {
        std::string table;
        std::vector<std::string> columns;
        // Appended to the INSERT; natural keys plus DO NOTHING make a re-import add nothing.
        std::string onConflict = "ON CONFLICT DO NOTHING";
    };

    BulkWriter(SqliteDatabase& db, Spec spec, int rowsPerStatement = 0);

    BulkWriter& null();
    BulkWriter& value(std::int64_t v);
    BulkWriter& value(int v) { return value(std::int64_t(v)); }
    BulkWriter& value(bool v) { return value(std::int64_t(v ? 1 : 0)); }
    BulkWriter& value(double v);
    // Invalid UTF-8 is repaired (U+FFFD), so the workspace only ever holds valid text.
    BulkWriter& value(std::string_view utf8);
    BulkWriter& value(const char* utf8) { return value(std::string_view(utf8)); }
    BulkWriter& value(const QString& text);
    template <typename T>
    BulkWriter& value(const std::optional<T>& v)
    {
        return v ? value(*v) : null();
    }
    // Closes the current row; throws when it has the wrong number of values.
    void endRow();

    void flush();

    const Spec& spec() const { return m_spec; }
    int rowsPerStatement() const { return m_rowsPerStatement; }
    std::int64_t rowsWritten() const { return m_rowsWritten; }
    std::int64_t rowsPending() const { return std::int64_t(m_cells.size() / m_spec.columns.size()); }

private:
    struct Cell
    {
        enum class Type : std::uint8_t { Null, Int, Real, Text } type = Type::Null;
        std::int64_t i = 0;
        double d = 0;
        std::uint32_t offset = 0;
        std::uint32_t length = 0;
    };

    std::string insertSql(int rows) const;
    void bindRows(SqliteStatement& stmt, size_t firstCell, int rows);
    void push(Cell cell);

    SqliteDatabase& m_db;
    Spec m_spec;
    int m_rowsPerStatement;
    SqliteStatement m_multi;
    SqliteStatement m_single;
    std::vector<Cell> m_cells;
    std::string m_arena;
    std::string m_repaired;
    size_t m_rowCellStart = 0;
    std::int64_t m_rowsWritten = 0;
};

} // namespace faultline::store
