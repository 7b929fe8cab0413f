#include "archetype.h"

namespace faultline::metrics {

namespace {

QString hours(double h)
{
    return h >= 48 ? QStringLiteral("%1 days").arg(h / 24.0, 0, 'f', 1)
                   : QStringLiteral("%1 h").arg(h, 0, 'f', 1);
}

QString percent(double fraction)
{
    return QStringLiteral("%1 %").arg(fraction * 100.0, 0, 'f', 0);
}

// The largest lead-time stage and its median; review counts pickup + review (waiting for and doing it).
std::pair<QString, double> largestStage(const ArchetypeInputs& in)
{
    std::pair<QString, double> best { QString(), -1 };
    auto consider = [&](const char* name, std::optional<double> value) {
        if (value && *value > best.second)
            best = { QString::fromLatin1(name), *value };
    };
    consider("coding", in.coding);
    if (in.pickup || in.review)
        consider("review", in.pickup.value_or(0) + in.review.value_or(0));
    consider("CI wait", in.ciWait);
    consider("deploy", in.deploy);
    return best;
}

} // namespace

Archetype classifyArchetype(const ArchetypeInputs& in)
{
    Archetype out;
    const auto [stage, stageHours] = largestStage(in);
    const bool lessThanDaily = in.deploymentsPerDay && *in.deploymentsPerDay < 1.0;
    const bool dailyOrMore = in.deploymentsPerDay && *in.deploymentsPerDay >= 1.0;
    const QString cadence = in.deploymentsPerDay
        ? QStringLiteral("%1 production deployments per day").arg(*in.deploymentsPerDay, 0, 'f', 2)
        : QString();

    const bool ciFails = in.ciFailureRate && *in.ciFailureRate >= kCiFailureDominates;
    const bool ciWaitLargest = stage == QLatin1String("CI wait");
    if ((ciFails || ciWaitLargest) && lessThanDaily) {
        out.label = QStringLiteral("Legacy bottleneck");
        if (ciFails)
            out.because << QStringLiteral("%1 of CI jobs fail").arg(percent(*in.ciFailureRate));
        if (ciWaitLargest)
            out.because << QStringLiteral("CI wait is the largest lead-time stage (median %1)")
                               .arg(hours(stageHours));
        out.because << cadence + QStringLiteral(" (less than daily)");
        return out;
    }
    const bool testLargest = in.largestCiStage == QLatin1String("test");
    const bool prsOutgrowDeploys
        = in.prVolumeGrowth && in.deploymentGrowth && *in.prVolumeGrowth > *in.deploymentGrowth;
    if (testLargest && prsOutgrowDeploys) {
        out.label = QStringLiteral("Constrained by testing");
        out.because << (in.testShareOfCiMinutes
                            ? QStringLiteral("the test stage takes %1 of CI minutes, more than any other")
                                  .arg(percent(*in.testShareOfCiMinutes))
                            : QStringLiteral("the test stage takes the most CI minutes"));
        out.because << QStringLiteral("merged PRs per week grew ×%1 while deployments grew ×%2")
                           .arg(*in.prVolumeGrowth, 0, 'f', 2)
                           .arg(*in.deploymentGrowth, 0, 'f', 2);
        return out;
    }
    if (dailyOrMore && stage == QLatin1String("review")) {
        out.label = QStringLiteral("Pragmatic performer");
        out.because << cadence + QStringLiteral(" (daily or more)");
        out.because << QStringLiteral("review (pickup + review) is the largest lead-time stage (median %1)")
                           .arg(hours(stageHours));
        return out;
    }
    return out;
}

} // namespace faultline::metrics
