package dev.asyncdb.calcite;

import dev.asyncdb.calcite.columnar.ColumnarJoinProgram;
import dev.asyncdb.calcite.columnar.ColumnarRules;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.util.Holder;

/**
 * Planner changes for reads over in-memory collections. Merge joins are dropped: with no sorted
 * inputs they sort both sides (strings, row by row), where a hash join reads each side once — the
 * users–posts join ran in 2.5 s as a merge join. An ORDER BY with a LIMIT keeps only the rows it
 * may return while it reads (Calcite's limit-sort; its stock plan sorts every row, then takes the
 * first few: Q3 sorted its 1,216 groups to return 10). Queries over many joins have their join order
 * chosen by a heuristic instead of an exhaustive search ({@link JoinOrderProgram}). Aggregates and
 * top-N queries over one collection
 * get the columnar operators ({@link ColumnarRules}); aggregates over inner equi-joins of collections
 * are replaced after planning, once the plan is final ({@link ColumnarJoinProgram}).
 */
final class ReadRules {
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private ReadRules() {}

  static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      Hook.PLANNER.add((Consumer<RelOptPlanner>) planner -> {
        planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
        planner.addRule(EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE);
        ColumnarRules.register(planner);
      });
      Hook.PROGRAM.add((Consumer<Holder<Program>>) holder -> {
        Program base = holder.get() != null ? holder.get() : Programs.standard();
        holder.set(Programs.sequence(new JoinOrderProgram(), base, new ColumnarJoinProgram()));
      });
    }
  }
}
