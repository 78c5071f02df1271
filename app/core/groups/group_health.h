#pragma once
// The health verdict of one consumer group, in the spirit of Burrow's evaluation rules:
// a window of lag samples in, one verdict (OK, lagging, stalled, stopped, error) and a
// sentence saying why out. Pure: no clock, no Kafka, so every rule is unit-tested.

#include "groups/group_lag.h"

namespace kafkascope {

struct GroupHealth
{
    enum class Verdict { Unknown, Ok, Lagging, Stalled, Stopped, Error };
    Verdict verdict = Verdict::Unknown;
    QString reason;
};

struct GroupHealthInput
{
    QString error;    // the group's offsets could not be read
    QString state;    // broker's group state ("Stable", "Empty", ...); empty when unknown
    int members = -1; // -1 when unknown (the cluster cannot describe groups)
    int committedPartitions = 0;
    QList<LagSample> window; // oldest first, the samples of the evaluation window
    // How long the committed offsets have stood still; 0 when they moved in the last poll.
    double secondsSinceCommitMoved = 0;
    // Whether a commit was seen: if not, the broker does not say when the group last
    // committed, and secondsSinceCommitMoved only counts from when monitoring began.
    bool lastCommitKnown = true;
    // When watching began (seconds since the epoch; 0 unknown): what the verdict can say
    // instead of a duration while no commit was seen.
    double watchingSince = 0;
};

class GroupHealthEvaluator
{
public:
    struct Rules
    {
        int minSamples = 5;               // fewer: too early to call lagging/stalled
        double stoppedAfterSeconds = 300; // commits standing still this long: stopped
        double growthTolerance =
            0.1; // lagging: the trend grew by more than this share of the mean lag
    };

    GroupHealthEvaluator() = default;
    explicit GroupHealthEvaluator(const Rules &rules) : m_rules(rules) {}

    GroupHealth evaluate(const GroupHealthInput &in) const;
    static QString verdictName(GroupHealth::Verdict v);
    const Rules &rules() const { return m_rules; }

private:
    Rules m_rules;
};

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::GroupHealth)
