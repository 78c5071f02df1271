#pragma once
// A legend entry that is only a line of text (no plottable): what a folded legend says about
// the series it does not list ("+30 more …"). Clicking it is the chart's business.

#include <qcustomplot.h>

class LegendNoteItem : public QCPAbstractLegendItem
{
    Q_OBJECT
public:
    LegendNoteItem(QCPLegend *legend, const QString &text);
    QString text() const { return m_text; }

protected:
    void draw(QCPPainter *painter) override;
    QSize minimumOuterSizeHint() const override;

private:
    QString m_text;
};
