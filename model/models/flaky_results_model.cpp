#include "flaky_results_model.h"

#include <QDateTime>
#include <QTimeZone>

namespace faultline::models {

namespace {

QString testName(const store::FlakyResultFact& r)
{
    if (r.classname.isEmpty())
        return r.suite + QStringLiteral(": ") + r.name;
    return r.classname + QLatin1Char('.') + r.name;
}

} // namespace

void FlakyResultsModel::setRows(std::vector<store::FlakyResultFact> rows)
{
    reset([&] { m_rows = std::move(rows); });
}

QString FlakyResultsModel::header(int column) const
{
    switch (Column(column)) {
    case Test:
        return tr("Test");
    case Commit:
        return tr("Commit");
    case When:
        return tr("When (UTC)");
    case Reason:
        return tr("Why it counts");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FlakyResultsModel::text(int row, int column) const
{
    const store::FlakyResultFact& r = m_rows[size_t(row)];
    switch (Column(column)) {
    case Test:
        return testName(r);
    case Commit:
        return r.commitSha.isEmpty() ? tr("—") : r.commitSha.left(10);
    case When:
        return r.at > 0 ? QDateTime::fromMSecsSinceEpoch(r.at, QTimeZone::utc())
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                        : tr("—");
    case Reason:
        return r.commitSha.isEmpty()
            ? tr("its report marked it flaky (a rerun passed)")
            : tr("flaky on %1: it failed and passed on that commit, or a rerun passed")
                  .arg(r.commitSha.left(10));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FlakyResultsModel::raw(int row, int column) const
{
    const store::FlakyResultFact& r = m_rows[size_t(row)];
    switch (Column(column)) {
    case Commit:
        return r.commitSha;
    case When:
        return qlonglong(r.at);
    default:
        return text(row, column);
    }
}

QString FlakyResultsModel::toolTip(int row, int) const
{
    const store::FlakyResultFact& r = m_rows[size_t(row)];
    return tr("Flaky test (METRICS.md): the same test fails and passes on the same commit.\n%1, test result "
              "%2")
        .arg(testName(r))
        .arg(r.id);
}

} // namespace faultline::models
