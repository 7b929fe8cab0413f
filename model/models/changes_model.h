#pragma once

#include "models/people_aliases.h"
#include "store/change_queries.h"

#include <QAbstractTableModel>

#include <functional>
#include <optional>
#include <vector>

namespace faultline::models {

// The Changes view's commit list, loaded lazily: setFirstPage() installs the first page (computed off
// the GUI thread with the total count) and a page source; the view's scrolling then asks
// canFetchMore()/fetchMore(), each of which requests one more small keyset page, so a workspace with a
// million commits never holds, nor reads, more rows than were scrolled to. The source may answer
// later (from a worker thread's result, delivered on the model's thread): until it does, no further
// page is requested, and an answer for a list that has since been replaced is dropped.
class ChangesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Date,
        Commit,
        Author,
        Subject,
        AiTool,
        Evidence, // the matched rule, where it matched and the matched text
        Lines,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        CommitIdRole = Qt::UserRole + 1, // qlonglong commits.id
        ShaRole, // full sha
        IsAiRole, // bool: AI-assisted as METRICS.md defines it
    };

    // Reads up to `limit` rows after `after` (from the newest when nullopt) and hands them to
    // `deliver`, at once or later, on the model's thread.
    using Deliver = std::function<void(std::vector<store::ChangeListRow> rows)>;
    using PageSource
        = std::function<void(const std::optional<store::ChangeCursor>& after, int limit, Deliver deliver)>;

    explicit ChangesModel(QObject* parent = nullptr);

    void setFirstPage(std::vector<store::ChangeListRow> rows, std::int64_t total, PageSource source);
    void clear();
    void setPageSize(int rows) { m_pageSize = rows; }
    int pageSize() const { return m_pageSize; }
    // Author names shown as stable aliases ("Person 1") when set; nullopt shows names.
    void setAliases(std::optional<PeopleAliases> aliases);
    bool isAnonymised() const { return m_aliases.has_value(); }

    std::int64_t totalCount() const { return m_total; }
    bool isFetching() const { return m_fetching; }
    const store::ChangeListRow& row(int index) const { return m_rows[size_t(index)]; }
    QString authorShown(const store::ChangeListRow& row) const;
    static bool isAi(const store::ChangeListRow& row) { return !row.aiTool.isEmpty() || row.aiShare > 0; }
    // "trailer Co-authored-by matched rule claude-code: …"; "" when not AI-assisted.
    static QString evidenceText(const store::ChangeListRow& row);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

private:
    std::vector<store::ChangeListRow> m_rows;
    std::int64_t m_total = 0;
    bool m_exhausted = true;
    PageSource m_source;
    int m_pageSize = 200;
    std::optional<PeopleAliases> m_aliases;
    // Views (and QAbstractItemModelTester) ask for more rows from their reset and insert handlers;
    // a fetch inside those notifications would nest one change inside another.
    bool m_notifying = false;
    bool m_fetching = false;
    quint64 m_generation = 0; // which list a requested page belongs to
    void receivePage(quint64 generation, std::vector<store::ChangeListRow> page);
};

} // namespace faultline::models
