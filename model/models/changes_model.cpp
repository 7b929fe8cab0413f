#include "changes_model.h"

#include <QDateTime>
#include <QTimeZone>

namespace faultline::models {

ChangesModel::ChangesModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ChangesModel::setFirstPage(std::vector<store::ChangeListRow> rows, std::int64_t total, PageSource source)
{
    m_notifying = true;
    beginResetModel();
    ++m_generation;
    m_fetching = false;
    m_rows = std::move(rows);
    m_total = std::max<std::int64_t>(total, std::int64_t(m_rows.size()));
    m_source = std::move(source);
    m_exhausted = !m_source || std::int64_t(m_rows.size()) >= m_total;
    endResetModel();
    m_notifying = false;
}

void ChangesModel::clear()
{
    setFirstPage({}, 0, {});
}

void ChangesModel::setAliases(std::optional<PeopleAliases> aliases)
{
    m_aliases = std::move(aliases);
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, Author), index(rowCount() - 1, Author));
}

QString ChangesModel::authorShown(const store::ChangeListRow& row) const
{
    return m_aliases ? m_aliases->alias(row.authorName) : row.authorName;
}

QString ChangesModel::evidenceText(const store::ChangeListRow& row)
{
    if (!isAi(row))
        return {};
    if (row.aiRule.isEmpty())
        return tr("%1% of added lines attributed to AI by git-ai notes").arg(qRound(row.aiShare * 100));
    QString text = tr("rule %1").arg(row.aiRule);
    if (!row.aiField.isEmpty())
        text += tr(" in %1").arg(row.aiField);
    if (!row.aiEvidence.isEmpty())
        text += QStringLiteral(": “") + row.aiEvidence.simplified() + QStringLiteral("”");
    return text;
}

int ChangesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChangesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChangesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::ChangeListRow& r = m_rows[size_t(index.row())];
    switch (role) {
    case CommitIdRole:
        return qlonglong(r.id);
    case ShaRole:
        return r.sha;
    case IsAiRole:
        return isAi(r);
    case Qt::ToolTipRole:
        if (index.column() == Commit)
            return tr("%1 in %2").arg(r.sha, r.repository);
        if (index.column() == Evidence || index.column() == AiTool)
            return isAi(r) ? tr("AI-assisted commit: a commit that any AI-marker rule matches (author, "
                                "committer, trailers, message), or that git-ai notes attribute lines to. "
                                "Evidence: %1")
                                 .arg(evidenceText(r))
                           : tr("Not AI-assisted: no AI-marker rule matched and no git-ai note attributes "
                                "lines to it.");
        if (index.column() == Subject)
            return r.subject;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case Date:
        return QDateTime::fromMSecsSinceEpoch(r.authoredAtMs, QTimeZone::utc())
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case Commit:
        return r.sha.left(10);
    case Author:
        return authorShown(r);
    case Subject:
        return r.subject;
    case AiTool:
        if (!r.aiTool.isEmpty())
            return r.aiTool;
        return r.aiShare > 0 ? tr("(git-ai notes)") : QString();
    case Evidence:
        return evidenceText(r);
    case Lines:
        return QStringLiteral("+%1 −%2").arg(r.addedLines).arg(r.deletedLines);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Date:
        return tr("Authored (UTC)");
    case Commit:
        return tr("Commit");
    case Author:
        return tr("Author");
    case Subject:
        return tr("Subject");
    case AiTool:
        return tr("AI tool");
    case Evidence:
        return tr("Evidence");
    case Lines:
        return tr("Lines");
    case ColumnCount:
        break;
    }
    return {};
}

bool ChangesModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_exhausted && !m_notifying && !m_fetching;
}

void ChangesModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_exhausted || m_notifying || m_fetching)
        return;
    std::optional<store::ChangeCursor> after;
    if (!m_rows.empty())
        after = store::ChangeCursor { m_rows.back().authoredAtMs, m_rows.back().id };
    m_fetching = true;
    const quint64 generation = m_generation;
    m_source(after, m_pageSize, [this, generation](std::vector<store::ChangeListRow> page) {
        receivePage(generation, std::move(page));
    });
}

void ChangesModel::receivePage(quint64 generation, std::vector<store::ChangeListRow> page)
{
    if (generation != m_generation)
        return;
    m_fetching = false;
    // A short page means the end, whatever the count said (commits may have been removed since).
    m_exhausted = int(page.size()) < m_pageSize;
    if (page.empty())
        return;
    const int first = int(m_rows.size());
    m_notifying = true;
    beginInsertRows({}, first, first + int(page.size()) - 1);
    for (auto& row : page)
        m_rows.push_back(std::move(row));
    endInsertRows();
    m_notifying = false;
    if (std::int64_t(m_rows.size()) >= m_total)
        m_total = std::int64_t(m_rows.size());
}

} // namespace faultline::models
