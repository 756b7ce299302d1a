/* writers.h: the report writers and what they share.  Private to
 * src/report; the public entry points are in report.h. */
#ifndef WALENS_REPORT_WRITERS_H
#define WALENS_REPORT_WRITERS_H

#include <stdbool.h>
#include <stdio.h>

#include "report/report.h"

/* Each writes the whole report; false on a write error. */
bool ReportText_write(const Report *r, const ReportOptions *o, FILE *f);
bool ReportMd_write(const Report *r, const ReportOptions *o, FILE *f);
bool ReportHtml_write(const Report *r, const ReportOptions *o, FILE *f);
bool ReportCsv_write(const Report *r, const ReportOptions *o, FILE *f);
bool ReportJson_write(const Report *r, const ReportOptions *o, FILE *f);

/* ---- shared wording (translated) ---- */

/* "High", "Medium", "None", "Not applicable", "Unanswered". */
const char *Report_riskLabel(Risk r);
/* The phase / pillar name of a snapshot question ("" when it has none). */
const char *Report_phaseName(const Report *r, const SnapQuestion *q);
const char *Report_pillarName(const Report *r, const SnapQuestion *q);
/* "Not applicable: Out of scope", with " — TEXT" when the question has a
 * text beside its reason (allocated). */
char *Report_naLine(const SnapQuestion *q);
/* A matrix cell in words: "answered/total", then " H<n>" and " M<n>" when
 * there are such questions; "-" for a cell without questions. */
char *Report_cellText(const MatrixCell *c);
/* The title of the report: "Well-Architected review: WORKLOAD". */
char *Report_title(const Report *r);

/* The facts that open a report, in this order: workload, description,
 * environment, owner, created, last changed, lens, report date and, in a
 * milestone report, the milestone.  A fact without a value is left out. */
#define REPORT_MAX_FACTS 10
typedef struct ReportFact {
   const char *label; /* translated */
   char *value;       /* allocated; never empty */
   bool milestone;    /* the milestone's "NAME, saved AT by USER" */
} ReportFact;
/* Fills facts (room for REPORT_MAX_FACTS) and returns how many it holds;
 * Report_freeFacts() releases their values. */
size_t Report_facts(const Report *r, ReportFact *facts);
void Report_freeFacts(ReportFact *facts, size_t n);
/* "Status: open; owner: alice; due: 2026-12-01 (overdue); priority: 2"
 * without the parts that are unset. */
char *Report_trackingLine(const Report *r, const PlanItem *it);
/* The worst risk of a cell, for colours and glyphs. */
Risk Report_cellWorst(const MatrixCell *c);

/* The summary's sentences, in order: the questions by risk, the practices
 * in place, the plan by status.  Fills lines (each allocated, the caller
 * frees) and returns REPORT_SUMMARY_LINES. */
#define REPORT_SUMMARY_LINES 3
size_t Report_summary(const Report *r, char *lines[REPORT_SUMMARY_LINES]);
/* The plan's risk groups, in the order every writer shows them: HIGH, MEDIUM. */
#define REPORT_PLAN_GROUPS 2
extern const Risk REPORT_PLAN_GROUP[REPORT_PLAN_GROUPS];
/* A group's heading, "High risk (3 items)" (translated); NULL when the group
 * has no item, and the writers leave it out.  Caller frees. */
char *Report_planGroupTitle(const Report *r, Risk risk);

/* The impact x effort grid of the active plan: n[i][e] counts the items
 * of impact REPORT_GRID_IMPACT[i] and effort REPORT_GRID_EFFORT[e] (unset
 * last in both).  Returns false, and the writers leave the grid out, when
 * no active item has an impact or an effort: a plan nobody rated has no
 * grid to show. */
#define REPORT_GRID_N 4
extern const PlanLevel REPORT_GRID_IMPACT[REPORT_GRID_N]; /* high, medium, low, unset */
extern const PlanLevel REPORT_GRID_EFFORT[REPORT_GRID_N]; /* low, medium, high, unset */
bool Report_grid(const Report *r, size_t n[REPORT_GRID_N][REPORT_GRID_N]);
/* "Impact: high", "Effort: low", "Impact: unset": a grid row's or column's heading. */
char *Report_gridLabel(bool impact, PlanLevel l);

#endif
