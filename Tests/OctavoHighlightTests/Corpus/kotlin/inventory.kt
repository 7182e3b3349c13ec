package org.octavo.harbour

import kotlin.math.roundToInt

data class Crate(val label: String, val weight: Double, val fragile: Boolean = false)

class Inventory {
    private val crates = mutableListOf<Crate>()

    fun add(crate: Crate) {
        require(crate.weight > 0) { "weight must be positive: ${crate.label}" }
        crates += crate
    }

    val totalWeight: Double
        get() = crates.sumOf { it.weight }

    fun heaviest(): Crate? = crates.maxByOrNull { it.weight }

    fun report(): String = buildString {
        appendLine("Inventory of ${crates.size} crates")
        for ((index, crate) in crates.withIndex()) {
            val mark = if (crate.fragile) "!" else " "
            appendLine("$mark ${index + 1}. ${crate.label} ${crate.weight.roundToInt()} kg")
        }
    }
}

fun main() {
    val inventory = Inventory()
    inventory.add(Crate("lanterns", 12.5, fragile = true))
    inventory.add(Crate("rope", 30.0))
    println(inventory.report())
}
