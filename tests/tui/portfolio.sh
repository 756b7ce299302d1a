#!/bin/sh
# The portfolio on the workloads screen (issue 14): M toggles the list and
# the matrix of the selected workload's lens at 80x24, each cell the
# workloads with a HIGH / MEDIUM risk / a question not answered there;
# Enter on a cell lists the workloads at risk there, HIGH first; Enter on
# one opens it with the dashboard's cursor on that cell; archived workloads
# count only while the list shows them (z in the matrix as in the list);
# workloads on another lens have a matrix of their own, Tab goes to it.
. "$top_srcdir/tests/tui/tuilib.sh"

q() { "$WALENS" --db "$DB" "$@" > /dev/null 2>&1 || fail "walens $*"; }
q workload add fraud --lens "$SMALL"
q answer fraud Q1 --select Q1_a
q answer fraud Q2 --none
q workload add payments --lens "$SMALL"
q answer payments Q2 --none
q answer payments Q1 --select Q1_a,Q1_b,Q1_c
q workload add zz-old --lens "$SMALL"
q answer zz-old Q1 --none
q workload archive zz-old
q workload add vision
q answer vision MLOPS01 --none

tui_start a 80 24 --user alice
expect a "fraud" "the list of workloads"
keys a M
expect a " Portfolio 2/2: Small test lens 1.0 (small), 2 workloads" "M shows the portfolio matrix"
expect a " Workloads with a HIGH / MEDIUM risk / a question not answered in each cell" \
   "what the numbers mean"
# Pillar names shortened as the dashboard shortens them (issue 18: one
# shortening on every screen), not cut with an ellipsis.
expect a " Phase              Operat.   Security  Cost" "the pillars"
expect a " Build                  1/0/0     0/0/2     0/0/2" "the Build row"
expect a " Run                    0/2/0     0/0/2         -" "the Run row; no question: -"
expect a " Operations · Build: HIGH 1, MEDIUM 0, not answered 0" "the cell under the cursor"
expect a "M portfolio" "the footer offers the key"

# Drill into a cell: Run x Operations, both workloads at MEDIUM.
keys a Down
expect a " Operations · Run: HIGH 0, MEDIUM 2, not answered 0" "the cursor moves"
keys a Enter
expect a " Operations · Run: 2 workloads at risk" "Enter lists the workloads at risk"
expect a ">◆ MEDIUM     fraud" "the first, under the cursor"
expect a " ◆ MEDIUM     payments" "the second"
keys a q
expect a " Operations · Run: HIGH 0, MEDIUM 2, not answered 0" "q goes back to the matrix"

# Open one at that cell.
keys a Enter
expect a "2 workloads at risk" "the list again"
keys a Down Enter
expect a " walens  payments  Small test lens 1.0" "Enter opens the workload"
expect a ">Run " "its dashboard's cursor is on the cell's row"
keys a Enter
expect a "How do you run?" "and on the cell's column: Enter opens its question"

# Back to the list; M toggles; archived workloads count when shown.
keys a w
expect a "payments" "w goes to the workloads"
keys a M
expect a "Small test lens 1.0 (small), 2 workloads" "the matrix again"
keys a M
expect_gone a "Portfolio:" "M goes back to the list"
keys a z
expect a "zz-old" "z shows archived workloads"
keys a M
expect a "Small test lens 1.0 (small), 3 workloads" "with them in the portfolio"
expect a " Build                  2/0/0     0/0/3     0/0/3" "counted in the cells"
expect a " Portfolio 2/2: Small test lens 1.0 (small), 3 workloads" \
   "the title says there is another lens"
expect a "Tab next lens" "the footer offers the key"

# The other lens: Tab shows its matrix, and the choice stays while one
# drills into a cell and comes back.
keys a Tab
expect a " Portfolio 1/2: Machine Learning Lens 2025.12.0 (machine-learning), 1 workload" \
   "Tab shows the other lens, with its one workload"
expect_not a "zz-old" "not the small lens's workloads"
keys a g Enter
expect a "Business goal identification: 1 workload at risk" "a cell of that lens"
expect a "vision" "lists its workload"
keys a q
expect a " Portfolio 1/2: Machine Learning Lens" "back on the same lens"
keys a Tab
expect a " Portfolio 2/2: Small test lens 1.0 (small), 3 workloads" "Tab goes round"

# z in the matrix leaves the archived out again, on the same lens.
keys a z
expect a " Portfolio 2/2: Small test lens 1.0 (small), 2 workloads" "z in the matrix"
expect a " Build                  1/0/0     0/0/2     0/0/2" "the archived no longer counted"
keys a M
expect_gone a "Portfolio:" "M goes back to the list"
expect_not a "zz-old" "the list hides the archived too"

finish
