#pragma once
// Remembers the decoders chosen for each topic of each cluster, in the application's settings
// (group "decoding/<profile id>/<topic>"); the demo cluster's topics default to the decoders
// they need. Used from the UI thread only.

#include "decoding/decoder_choice.h"

class QSettings;

namespace kafkascope {

class DecoderChoiceStore
{
public:
    explicit DecoderChoiceStore(QSettings *settings); // not owned; must outlive the store

    TopicDecoding load(const QString &profileId, const QString &topic) const;
    void save(const QString &profileId, const QString &topic, const TopicDecoding &decoding);

private:
    QSettings *m_settings;
};

} // namespace kafkascope
