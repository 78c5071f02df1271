#include "groups/group_health.h"

#include <QDateTime>
#include <algorithm>

namespace kafkascope {

namespace {
// Least-squares slope of lag over time (messages per second).
double lagSlope(const QList<LagSample> &w)
{
    const double n = double(w.size());
    double st = 0, sv = 0;
    for (const LagSample &s : w) {
        st += s.t - w.first().t;
        sv += double(s.lag);
    }
    const double mt = st / n, mv = sv / n;
    double num = 0, den = 0;
    for (const LagSample &s : w) {
        const double dt = s.t - w.first().t - mt;
        num += dt * (double(s.lag) - mv);
        den += dt * dt;
    }
    return den > 0 ? num / den : 0.0;
}

// "for 8 s", or, when no commit was seen, since when it was watched: the broker does not say
// when the group last committed (OffsetFetch carries no time), so no duration is claimed.
QString watchedSince(const GroupHealthInput &in)
{
    return QStringLiteral("since %1, when watching began (the last commit's time is unknown)")
        .arg(QDateTime::fromMSecsSinceEpoch(qint64(in.watchingSince * 1000)).toString(QStringLiteral("HH:mm:ss")));
}

QString commitAge(const GroupHealthInput &in)
{
    if (in.lastCommitKnown)
        return QStringLiteral("for %1").arg(formatDuration(in.secondsSinceCommitMoved));
    if (in.watchingSince > 0)
        return QString(u"seen " + watchedSince(in));
    return QStringLiteral("in the %1 watched (the last commit's time is unknown)")
        .arg(formatDuration(in.secondsSinceCommitMoved));
}

// What the committed offsets "have not moved": for a duration, or since watching began.
QString stillSince(const GroupHealthInput &in)
{
    return !in.lastCommitKnown && in.watchingSince > 0 ? watchedSince(in) : commitAge(in);
}

bool hasNoMembers(const GroupHealthInput &in)
{
    return in.members == 0 || in.state == u"Empty" || in.state == u"Dead";
}
} // namespace

QString GroupHealthEvaluator::verdictName(GroupHealth::Verdict v)
{
    switch (v) {
    case GroupHealth::Verdict::Unknown:
        return QStringLiteral("Unknown");
    case GroupHealth::Verdict::Ok:
        return QStringLiteral("OK");
    case GroupHealth::Verdict::Lagging:
        return QStringLiteral("Lagging");
    case GroupHealth::Verdict::Stalled:
        return QStringLiteral("Stalled");
    case GroupHealth::Verdict::Stopped:
        return QStringLiteral("Stopped");
    case GroupHealth::Verdict::Error:
        return QStringLiteral("Error");
    }
    return {};
}

GroupHealth GroupHealthEvaluator::evaluate(const GroupHealthInput &in) const
{
    using V = GroupHealth::Verdict;
    if (!in.error.isEmpty())
        return {V::Error, in.error};
    if (in.window.isEmpty())
        return {V::Unknown, QStringLiteral("Waiting for the first offsets poll")};
    if (in.committedPartitions == 0)
        return {V::Unknown, QStringLiteral("The group has no committed offsets")};

    const LagSample &first = in.window.first();
    const LagSample &last = in.window.last();
    if (last.lag == 0)
        return {V::Ok, QStringLiteral("Caught up: no lag")};

    const bool enoughSamples = in.window.size() >= m_rules.minSamples;
    const bool commitsStill = last.committedSum == first.committedSum;
    const QString lagText = QStringLiteral("%1 message(s) behind").arg(last.lag);

    // "no commits for 8 s" when a commit was seen; "no commit seen since 02:07:13, when
    // watching began (...)" when not.
    const QString commits = in.lastCommitKnown ? QStringLiteral("commits") : QStringLiteral("commit");
    if (commitsStill && hasNoMembers(in))
        return {V::Stopped, QStringLiteral("No active members and no %1 %2; %3")
                                .arg(commits, commitAge(in), lagText)};
    if (commitsStill && in.secondsSinceCommitMoved >= m_rules.stoppedAfterSeconds)
        return {V::Stopped, QStringLiteral("No %1 %2; %3").arg(commits, commitAge(in), lagText)};
    if (commitsStill && enoughSamples)
        return {V::Stalled, QStringLiteral("Committed offsets have not moved %1 although %2")
                                .arg(stillSince(in), lagText)};
    if (!enoughSamples)
        return {V::Unknown, QStringLiteral("Collecting samples (%1 of %2); %3")
                                .arg(in.window.size())
                                .arg(m_rules.minSamples)
                                .arg(lagText)};

    const qint64 minLag =
        std::min_element(in.window.cbegin(), in.window.cend(),
                         [](const LagSample &a, const LagSample &b) { return a.lag < b.lag; })
            ->lag;
    // Growth over the window by the fitted trend, against a tolerance so that a lag that only
    // wobbles around a steady level (commits arrive in steps) is not called lagging.
    double meanLag = 0;
    for (const LagSample &s : in.window)
        meanLag += double(s.lag) / double(in.window.size());
    const double growth = lagSlope(in.window) * (last.t - first.t);
    if (minLag > 0 && last.lag > first.lag &&
        growth > std::max(1.0, m_rules.growthTolerance * meanLag))
        return {V::Lagging, QStringLiteral("Lag grew from %1 to %2 over %3 while consuming")
                                .arg(first.lag)
                                .arg(last.lag)
                                .arg(formatDuration(last.t - first.t))};
    return {V::Ok, QStringLiteral("Consuming; %1, not growing").arg(lagText)};
}

} // namespace kafkascope
