#include "workspace_page.h"

#include "import_history_model.h"
#include "store/store_error.h"
#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace faultline::gui {

WorkspacePage::WorkspacePage(QWidget* parent)
    : QWidget(parent)
    , m_model(new ImportHistoryModel(this))
{
    setObjectName(QStringLiteral("workspacePage"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(6);

    auto* header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("workspaceTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    header->addWidget(m_title, 1);
    m_reloadButton = new QPushButton(tr("Reload"), this);
    m_reloadButton->setObjectName(QStringLiteral("reloadButton"));
    m_reloadButton->setToolTip(
        tr("Read the workspace again, e.g. after an import from the command line (Ctrl+R)"));
    // Not QKeySequence::Refresh (F5): F5 enters presentation mode, as presentation programs do.
    m_reloadButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    header->addWidget(m_reloadButton, 0, Qt::AlignVCenter);
    layout->addLayout(header);

    m_path = new QLabel(this);
    m_path->setObjectName(QStringLiteral("workspacePath"));
    m_path->setTextFormat(Qt::PlainText);
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->setForegroundRole(QPalette::PlaceholderText);
    // Long paths are cut rather than widening the window; the tooltip keeps the whole path.
    m_path->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_path);
    m_schema = new QLabel(this);
    m_schema->setObjectName(QStringLiteral("workspaceSchema"));
    m_schema->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_schema);

    layout->addSpacing(18);
    auto* historyTitle = new QLabel(tr("Import history"), this);
    QFont sectionFont = historyTitle->font();
    sectionFont.setPointSizeF(sectionFont.pointSizeF() * 1.2);
    sectionFont.setBold(true);
    historyTitle->setFont(sectionFont);
    layout->addWidget(historyTitle);
    layout->addSpacing(4);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("importHistoryTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(ImportHistoryModel::File, QHeaderView::Stretch);

    m_empty
        = new QLabel(tr("No data imported yet. Import git history, CI runs, deployments or incidents with "
                        "<code>faultline import …</code> (coming with the importer issues)."),
                     this);
    m_empty->setObjectName(QStringLiteral("importHistoryEmpty"));
    m_empty->setTextFormat(Qt::RichText);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_historyStack = new QStackedWidget(this);
    m_historyStack->addWidget(m_table);
    m_historyStack->addWidget(m_empty);
    layout->addWidget(m_historyStack, 1);

    connect(m_reloadButton, &QPushButton::clicked, this, [this] {
        try {
            reload();
        } catch (const store::StoreError& e) {
            Q_EMIT errorOccurred(QString::fromStdString(e.what()));
        }
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &WorkspacePage::updateEmptyState);
    updateEmptyState();
}

WorkspacePage::~WorkspacePage() = default;

void WorkspacePage::setWorkspace(store::Workspace* workspace)
{
    m_workspace = workspace;
    if (!workspace) {
        m_title->clear();
        m_path->clear();
        m_schema->clear();
        m_model->setRecords({});
        return;
    }
    const QFileInfo info(workspace->path());
    m_title->setText(info.fileName());
    m_path->setText(QDir::toNativeSeparators(info.absoluteFilePath()));
    m_path->setToolTip(m_path->text());
    m_schema->setText(tr("Workspace schema version %1").arg(workspace->schemaVersion()));
    reload();
}

void WorkspacePage::reload()
{
    if (!m_workspace)
        return;
    m_model->setRecords(store::importHistory(m_workspace->db()));
}

void WorkspacePage::updateEmptyState()
{
    // Fitted to the content plus breathing room (ResizeToContents leaves none and locks the width).
    m_table->resizeColumnsToContents();
    for (int column = 0; column < ImportHistoryModel::ColumnCount; ++column) {
        if (column != ImportHistoryModel::File)
            m_table->setColumnWidth(column, m_table->columnWidth(column) + 24);
    }
    m_historyStack->setCurrentWidget(m_model->rowCount() > 0 ? static_cast<QWidget*>(m_table) : m_empty);
}

} // namespace faultline::gui
