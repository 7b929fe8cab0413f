#include "import_progress_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

#include <algorithm>

namespace faultline::gui {

ImportProgressWidget::ImportProgressWidget(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("importProgress"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(6);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("importProgressText"));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("importProgressBar"));
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(140);
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("importCancel"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the import; what it was writing is rolled back"));
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_label->setText(tr("Cancelling…"));
        Q_EMIT cancelRequested();
    });
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    hide();
}

void ImportProgressWidget::begin(int inputs)
{
    m_elapsed.start();
    m_bar->setValue(0);
    m_bar->setRange(0, 0); // busy until the first progress arrives
    m_cancel->setEnabled(true);
    m_label->setText(inputs == 1 ? tr("Importing 1 input…") : tr("Importing %1 inputs…").arg(inputs));
    show();
}

QString ImportProgressWidget::etaText(qint64 elapsedMs, double fraction)
{
    if (fraction <= 0.02 || elapsedMs < 1000 || fraction >= 1.0)
        return {};
    const qint64 leftS = qint64(double(elapsedMs) * (1.0 - fraction) / fraction / 1000.0 + 0.5);
    if (leftS < 60)
        return tr("about %1 s left").arg(std::max<qint64>(1, leftS));
    return tr("about %1 min left").arg((leftS + 30) / 60);
}

void ImportProgressWidget::setProgress(int step, int steps, const QString& what, qint64 done, qint64 total,
                                       const QString& unit)
{
    const double within = total > 0 ? std::clamp(double(done) / double(total), 0.0, 1.0) : 0.0;
    const double fraction = steps > 0 ? (step + within) / steps : 0.0;
    m_bar->setRange(0, 1000);
    m_bar->setValue(int(fraction * 1000));
    const QLocale locale;
    const auto amount = [&](qint64 n) {
        return unit == QLatin1String("bytes") ? locale.formattedDataSize(n)
                                              : locale.toString(n) + QLatin1Char(' ') + unit;
    };
    QString text = tr("Importing %1").arg(what);
    if (steps > 1)
        text += tr(" (%1 of %2)").arg(step + 1).arg(steps);
    if (total > 0)
        text += QStringLiteral(": ") + tr("%1 of %2").arg(amount(done), amount(total));
    else if (done > 0)
        text += QStringLiteral(": ") + amount(done);
    const QString eta = etaText(m_elapsed.elapsed(), fraction);
    if (!eta.isEmpty())
        text += QStringLiteral(" · ") + eta;
    if (m_cancel->isEnabled())
        m_label->setText(text);
}

void ImportProgressWidget::end()
{
    hide();
}

QString ImportProgressWidget::text() const
{
    return m_label->text();
}

} // namespace faultline::gui
