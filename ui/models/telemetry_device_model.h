#pragma once
// Devices and their keys as a two-level tree for the telemetry panel: per device its
// message count, rate, last seen, silent-for, gaps and decode errors (stale devices
// highlighted); per key its latest value and a sparkline. Refreshed from the
// TelemetryStore a few times a second; rows are appended, never reset, so selection,
// expansion and scrolling survive. Keys drag out as "device / key" pairs.

#include "telemetry/telemetry_store.h"

#include <QAbstractItemModel>
#include <memory>

namespace kafkascope {

class TelemetryDeviceModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Name, Latest, Trend, Messages, Rate, LastSeen, SilentFor, Gaps, Errors, ColumnCount };
    enum Role {
        SparklineRole = Qt::UserRole + 1, // QVector<double> of the newest values (key rows)
        DeviceRole,                       // device name
        KeyRole,                          // key name (key rows)
        StaleRole,                        // bool (device rows)
        SortRole,
    };
    static const QString kMimeType; // lines of "device\tkey"

    explicit TelemetryDeviceModel(std::shared_ptr<TelemetryStore> store, QObject *parent = nullptr);

    // Pulls the store's current devices and keys; `nowMs` drives silent-for and stale.
    void refresh(qint64 nowMs);
    void setStaleMs(qint64 ms);
    qint64 staleMs() const { return m_staleMs; }
    int sparklinePoints() const { return 60; }

    QModelIndex deviceIndex(const QString &device) const;
    QModelIndex keyIndex(const QString &device, const QString &key) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

    // "device\tkey" pairs a drag carries (also used by the chart's drop handling).
    static QList<QPair<QString, QString>> decodeMime(const QMimeData *mime);

private:
    struct DeviceRow
    {
        DeviceSummary summary;
        QList<KeySummary> keys;
    };
    QVariant deviceData(const DeviceRow &d, int column, int role) const;
    QVariant keyData(const DeviceRow &d, const KeySummary &k, int column, int role) const;
    bool isStale(const DeviceSummary &d) const;

    std::shared_ptr<TelemetryStore> m_store;
    QList<DeviceRow> m_rows;
    quint64 m_generation = 0;
    qint64 m_now = 0;
    qint64 m_staleMs = 30000;
};

QString formatDuration(qint64 ms);
QString formatValue(double v, bool boolean);

} // namespace kafkascope
