package dev.asyncdb.calcite.columnar;

import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/** A rule configuration without Calcite's annotation-generated classes: a description, the operands and the rule's constructor. */
record RuleConfig(String description, RelRule.OperandTransform operandSupplier, Function<RuleConfig, RelOptRule> factory)
    implements RelRule.Config {
  @Override
  public RelOptRule toRule() {
    return factory.apply(this);
  }

  @Override
  public RelBuilderFactory relBuilderFactory() {
    return RelFactories.LOGICAL_BUILDER;
  }

  @Override
  public RelRule.Config withRelBuilderFactory(RelBuilderFactory f) {
    return this;
  }

  @Override
  public RelRule.Config withDescription(String d) {
    return new RuleConfig(d, operandSupplier, factory);
  }

  @Override
  public RelRule.Config withOperandSupplier(RelRule.OperandTransform transform) {
    return new RuleConfig(description, transform, factory);
  }
}
