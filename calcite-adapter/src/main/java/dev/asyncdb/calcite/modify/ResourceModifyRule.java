package dev.asyncdb.calcite.modify;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.runtime.Hook;

/**
 * Plans writes on resource tables as {@link ResourceTableModify}. Calcite's own
 * {@code EnumerableTableModifyRule} only fits in-memory collections (it fails on UPDATE and deletes
 * by object identity), so resource tables do not offer it and this rule takes their writes.
 */
public final class ResourceModifyRule extends ConverterRule {
  public static final ResourceModifyRule INSTANCE = Config.INSTANCE
      .withConversion(LogicalTableModify.class, (LogicalTableModify m) -> m.getTable().unwrap(ResourceTable.class) != null,
          Convention.NONE, EnumerableConvention.INSTANCE, "ResourceModifyRule")
      .withRuleFactory(ResourceModifyRule::new)
      .toRule(ResourceModifyRule.class);

  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private ResourceModifyRule(Config config) {
    super(config);
  }

  /** Adds the rule to every planner Calcite creates in this JVM (it matches resource tables only). */
  public static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      Hook.PLANNER.add((Consumer<RelOptPlanner>) planner -> planner.addRule(INSTANCE));
    }
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalTableModify modify = (LogicalTableModify) rel;
    RelTraitSet traits = modify.getTraitSet().replace(EnumerableConvention.INSTANCE);
    return new ResourceTableModify(modify.getCluster(), traits, modify.getTable(), modify.getCatalogReader(),
        convert(modify.getInput(), traits), modify.getOperation(), modify.getUpdateColumnList(), modify.getSourceExpressionList(),
        modify.isFlattened());
  }
}
